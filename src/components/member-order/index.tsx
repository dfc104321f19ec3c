import { useRouter } from '@tarojs/taro'
import type { ReactNode } from 'react'
import { orders } from '@/app-root'
import AccountRequired from '@/components/account-required'
import PageShell from '@/components/page-shell'
import StateView from '@/components/state-view'
import { accountRequest, useAccountPage } from '@/hooks/useAccountPage'
import { useAsync } from '@/hooks/useAsync'
import type { Order } from '@/services/api/types'

export const ORDER_REASON = '登录后可查看你的订单'

function LoadedOrder({ id, render }: { id: string; render(order: Order, refresh: () => void): ReactNode }) {
  const order = useAsync(() => accountRequest(() => orders.get(id), ORDER_REASON), [id])
  if (order.status === 'loading') return <StateView kind='loading' />
  if (order.status === 'error') return <StateView kind='error' title={order.error.message} onAction={() => void order.reload()} />
  return <>{render(order.data, () => void order.refresh())}</>
}

/**
 * A page about one of the member's orders (the route's `id`): without a session it asks for an
 * account with the reason; then it loads the order with loading and error (重试) states.
 */
export default function MemberOrderPage({ render }: { render(order: Order, refresh: () => void): ReactNode }) {
  const { params } = useRouter()
  const signedIn = useAccountPage(ORDER_REASON)
  return <PageShell>{signedIn ? <LoadedOrder id={params.id ?? ''} render={render} /> : <AccountRequired reason={ORDER_REASON} />}</PageShell>
}
