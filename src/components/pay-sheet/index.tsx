import { Button, Text, View } from '@tarojs/components'
import { formatFen } from '@/utils/money'
import type { Payment } from './use-payment'
import './index.scss'

export { usePayment } from './use-payment'
export type { Payment } from './use-payment'

/** "模拟支付" appears only when the server runs the sandbox (WX-PAY-1). */
const TITLES = { preparing: '支付', sandbox: '模拟支付', wechatpay: '微信支付' } as const

function statement(provider: Payment['provider'], amountFen: number): string {
  const amount = `¥${formatFen(amountFen)}`
  if (provider === 'sandbox') return `确认后将支付本单 ${amount}。这是示例商城的模拟支付，不会产生真实扣款。`
  if (provider === 'wechatpay') return `确认后将打开微信支付，支付本单 ${amount}。`
  return `本单需支付 ${amount}，正在准备支付…`
}

/**
 * The payment confirm sheet: it names the amount before anything is paid (WX-UI-4), can be closed
 * without paying (WX-UI-1), and the order stays payable later.
 */
export default function PaySheet({ payment, amountFen, onPaid }: { payment: Payment; amountFen: number; onPaid(): void }) {
  if (!payment.open) return null
  const pay = async () => {
    if (await payment.confirm()) onPaid()
  }
  return (
    <View className='pay-sheet' data-testid='pay-sheet' role='dialog' aria-modal='true' aria-label='支付'>
      <View className='pay-sheet__mask' data-testid='pay-sheet-mask' catchMove onClick={payment.close} />
      <View className='pay-sheet__panel' catchMove>
        <View className='pay-sheet__header'>
          <Text className='pay-sheet__title'>{TITLES[payment.provider ?? 'preparing']} ¥{formatFen(amountFen)}</Text>
          <View className='pay-sheet__close' aria-label='关闭' onClick={payment.close}>
            ×
          </View>
        </View>
        <Text className='pay-sheet__text'>{statement(payment.provider, amountFen)}</Text>
        {payment.error ? <Text className='pay-sheet__error'>{payment.error}</Text> : null}
        <Button className='pay-sheet__confirm' loading={payment.busy} disabled={payment.busy || payment.provider === null} onClick={() => void pay()}>
          确认支付 ¥{formatFen(amountFen)}
        </Button>
        <Button className='pay-sheet__later' disabled={payment.busy} onClick={payment.close}>
          稍后支付
        </Button>
      </View>
    </View>
  )
}
