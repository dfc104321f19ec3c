import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { cartStore } from '@/app-root'
import { outletChoice } from '@/subpackage-root'
import OrderLines from '@/components/order-lines'
import PageShell from '@/components/page-shell'
import PaySheet, { usePayment } from '@/components/pay-sheet'
import PriceSummary from '@/components/price-summary'
import PrivacyGuideLink from '@/components/privacy-guide-link'
import StateView from '@/components/state-view'
import OutletPicker from '@/components/outlet-picker'
import { deliveryFeeFen, FREE_DELIVERY_FROM_FEN, TEXT_LIMITS } from '@contract/rules'
import type { Fulfilment, Order, Outlet } from '@contract/schemas'
import { routes, switchTab } from '@/services/navigation'
import { useSession } from '@/services/session'
import { privacyDetails } from '@/services/privacy/catalog-details'
import { useCart, type CartLine } from '@/state/cart'
import { formatFen } from '@/utils/money'
import {
  buildOrderRequest,
  hasTypedContact,
  emptyForm,
  payStatement,
  validate,
  type CheckoutForm,
  type FieldErrors,
} from './model'
import PhoneField from './phone-field'
import { useSubmitOrder } from './use-submit-order'
import './index.scss'

const FULFILMENTS: Array<{ value: Fulfilment; label: string }> = [
  { value: 'delivery', label: '配送' },
  { value: 'pickup', label: '自提' },
]

const toLineViews = (lines: readonly CartLine[]) =>
  lines.map((line) => ({ key: `${line.productId}:${line.skuId}`, name: line.name, skuName: line.skuName, image: line.image, unitPriceFen: line.priceFen, quantity: line.quantity }))

/**
 * 确认订单: the cart's lines, 配送 or 自提, contact details, the price, and a plain statement of
 * the payment to come. The phone is asked for only here, only for delivery (WX-PHONE-1,
 * WX-LAUNCH-3); login is asked only at 提交订单.
 */
export default function CheckoutPage() {
  const cart = useCart(cartStore)
  const { user } = useSession()
  const hasPhoneOnFile = Boolean(user?.phoneMasked)
  const [form, setForm] = useState<CheckoutForm>(() => emptyForm(outletChoice().getSnapshot()?.id ?? null, hasPhoneOnFile))
  const [pickedOutlet, setPickedOutlet] = useState(() => outletChoice().getSnapshot())
  const [changingOutlet, setChangingOutlet] = useState(false)
  const [errors, setErrors] = useState<FieldErrors>({})
  const checkout = useSubmitOrder()

  if (checkout.order) return <PlacedView order={checkout.order} />

  if (cart.lines.length === 0) {
    return (
      <PageShell>
        <StateView kind='empty' title='购物车是空的，无法结算' description='先去挑几件喜欢的商品吧' actionText='去逛逛' onAction={() => switchTab(routes.home)} />
      </PageShell>
    )
  }

  const update = (patch: Partial<CheckoutForm>) => {
    setForm((current) => ({ ...current, ...patch }))
    setErrors((current) => {
      const next = { ...current }
      for (const key of Object.keys(patch)) delete next[(key === 'outletId' ? 'outlet' : key) as keyof FieldErrors]
      return next
    })
  }

  const chooseOutlet = (outlet: Outlet) => {
    setPickedOutlet({ id: outlet.id, name: outlet.name, city: outlet.city })
    setChangingOutlet(false)
    update({ outletId: outlet.id })
  }

  const deliveryFen = deliveryFeeFen(cart.totalFen, form.fulfilment)
  const totalFen = cart.totalFen + deliveryFen

  const submit = async () => {
    const found = validate(form, hasPhoneOnFile)
    setErrors(found)
    if (Object.keys(found).length > 0) {
      checkout.clearNotice()
      void Taro.showToast({ title: '请完善订单信息', icon: 'none' })
      return
    }
    const lines = cart.lines
    await checkout.submit((key) => buildOrderRequest(form, lines, key, hasPhoneOnFile), lines, hasTypedContact(form))
  }

  const delivery = form.fulfilment === 'delivery'

  return (
    <PageShell>
      <View className='checkout'>
        <View className='checkout__card'>
          <Text className='checkout__title'>商品（{cart.count} 件）</Text>
          <OrderLines lines={toLineViews(cart.lines)} />
        </View>

        <View className='checkout__card'>
          <View className='checkout__switch' role='tablist'>
            {FULFILMENTS.map((item) => (
              <View
                key={item.value}
                role='tab'
                className={`checkout__switch-item${form.fulfilment === item.value ? ' is-active' : ''}`}
                aria-selected={form.fulfilment === item.value}
                onClick={() => update({ fulfilment: item.value })}
              >
                <Text>{item.label}</Text>
              </View>
            ))}
          </View>

          <View className='checkout__field'>
            <Text className='checkout__label'>{delivery ? '收货人' : '取货人（选填）'}</Text>
            <Input
              className='checkout__input'
              value={form.name}
              maxlength={TEXT_LIMITS.contactName}
              placeholder={delivery ? '请填写姓名' : '可不填，凭订单号取货'}
              onInput={(event) => update({ name: event.detail.value })}
            />
            {errors.name ? <Text className='checkout__error'>{errors.name}</Text> : null}
          </View>

          {delivery ? (
            <>
              <PhoneField
                mode={form.phoneMode}
                phone={form.phone}
                error={errors.phone}
                onModeChange={(phoneMode) => update({ phoneMode })}
                onPhoneChange={(phone) => update({ phone })}
              />
              <View className='checkout__field'>
                <Text className='checkout__label'>城市</Text>
                <Input className='checkout__input' value={form.city} maxlength={TEXT_LIMITS.city} placeholder='如：上海' onInput={(event) => update({ city: event.detail.value })} />
                {errors.city ? <Text className='checkout__error'>{errors.city}</Text> : null}
              </View>
              <View className='checkout__field'>
                <Text className='checkout__label'>详细地址</Text>
                <Input
                  className='checkout__input'
                  value={form.address}
                  maxlength={TEXT_LIMITS.addressDetail}
                  placeholder='街道、门牌号'
                  onInput={(event) => update({ address: event.detail.value })}
                />
                {errors.address ? <Text className='checkout__error'>{errors.address}</Text> : null}
              </View>
            </>
          ) : (
            <View className='checkout__field'>
              <Text className='checkout__label'>自提门店</Text>
              <Text className='checkout__muted'>到店凭订单号取货，无需填写姓名和手机号</Text>
              {pickedOutlet && form.outletId && !changingOutlet ? (
                <View className='checkout__outlet'>
                  <Text className='checkout__outlet-name'>
                    {pickedOutlet.name}（{pickedOutlet.city}）
                  </Text>
                  <Text className='checkout__link' onClick={() => setChangingOutlet(true)}>
                    更换门店
                  </Text>
                </View>
              ) : (
                <OutletPicker selectedId={form.outletId} initialCity={pickedOutlet?.city} onSelect={chooseOutlet} />
              )}
              {errors.outlet ? <Text className='checkout__error'>{errors.outlet}</Text> : null}
            </View>
          )}

          <View className='checkout__field'>
            <Text className='checkout__label'>备注（选填）</Text>
            <Input className='checkout__input' value={form.note} maxlength={TEXT_LIMITS.note} placeholder='给商家留言' onInput={(event) => update({ note: event.detail.value })} />
          </View>
          <PrivacyGuideLink prefix={`${privacyDetails('deliveryContact').purpose}详见`} />
        </View>

        <View className='checkout__card'>
          <PriceSummary
            itemsFen={cart.totalFen}
            deliveryFen={deliveryFen}
            totalFen={totalFen}
            deliveryNote={delivery ? `满 ¥${formatFen(FREE_DELIVERY_FROM_FEN)} 免配送费` : '自提'}
          />
        </View>

        {checkout.notice ? (
          <View className='checkout__notice' role='alert'>
            <Text className='checkout__notice-text'>{checkout.notice.text}</Text>
            {checkout.notice.changes.map((change) => (
              <Text key={change} className='checkout__notice-line'>
                {change}
              </Text>
            ))}
          </View>
        ) : null}

        <Text className='checkout__statement' data-testid='pay-statement'>
          {payStatement(totalFen)}
        </Text>

        <View className='checkout__bar'>
          <View className='checkout__bar-total'>
            <Text>合计 </Text>
            <Text className='checkout__bar-amount'>¥{formatFen(totalFen)}</Text>
          </View>
          <Button className='checkout__submit' loading={checkout.submitting} disabled={checkout.submitting} onClick={() => void submit()}>
            提交订单
          </Button>
        </View>
      </View>
    </PageShell>
  )
}

/** The order exists (its lines have left the cart): pay now, or later from the order. */
function PlacedView({ order }: { order: Order }) {
  // Opened by the tap on 提交订单, which said payment comes next; closing it keeps the order payable.
  const payment = usePayment(order.id, { initiallyOpen: true })
  const toResult = () => void Taro.redirectTo({ url: routes.orderResult(order.id) })

  return (
    <PageShell>
      <View className='checkout'>
        <View className='checkout__card'>
          <Text className='checkout__title'>订单已提交，待支付</Text>
          <PriceSummary itemsFen={order.itemsFen} deliveryFen={order.deliveryFen} totalFen={order.totalFen} totalLabel='应付' />
        </View>
        <Text className='checkout__statement' data-testid='pay-statement'>
          需支付 ¥{formatFen(order.totalFen)}，支付前不会扣款
        </Text>
        <View className='checkout__placed-actions'>
          <Button className='checkout__submit' onClick={payment.start}>
            去支付 ¥{formatFen(order.totalFen)}
          </Button>
          <Button className='checkout__secondary' onClick={toResult}>
            查看订单
          </Button>
        </View>
      </View>
      <PaySheet payment={payment} amountFen={order.totalFen} onPaid={toResult} />
    </PageShell>
  )
}
