import { useRouter } from '@tarojs/taro'
import type { ReactNode } from 'react'
import { session } from '@/app-root'
import { orders } from '@/subpackage-root'
import AccountPage from '@/components/account-page'
import StateView from '@/components/state-view'
import { useAsync } from '@/hooks/use-async'
import type { Order } from '@contract/schemas'

function LoadedOrder({ id, render }: { id: string; render(order: Order, refresh: () => void): ReactNode }) {
  const order = useAsync(() => session.withAccount('orders', () => orders().get(id)), [id])
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
  return (
    <AccountPage purpose='orders'>
      <LoadedOrder id={params.id ?? ''} render={render} />
    </AccountPage>
  )
}
