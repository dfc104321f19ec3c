import Taro, { useDidShow } from '@tarojs/taro'
import type { ReactNode } from 'react'
import { session, sessionStore } from '@/app-root'
import PageShell from '@/components/page-shell'
import StateView from '@/components/state-view'
import { LOGIN_REASONS, useSession, type LoginPurpose } from '@/services/session'

const ignore = () => undefined

/**
 * A page that only makes sense with an account (我的订单, an order, 编辑资料). Opened without a
 * session it shows the login sheet with the purpose's reason (the user's tap brought them here:
 * WX-LOGIN-1); 暂不登录 goes back where they came from (WX-LOGIN-2). Members see `children`; after a
 * declined re-login the page shows the reason and a 登录 button, never a loop of sheets.
 */
export default function AccountPage({ purpose, children }: { purpose: LoginPurpose; children: ReactNode }) {
  const { user } = useSession()
  useDidShow(() => {
    if (sessionStore.token()) return
    session.ensureAccount(purpose).catch(() => Taro.navigateBack().catch(ignore))
  })
  return (
    <PageShell>
      {user ? (
        children
      ) : (
        <StateView kind='empty' title={LOGIN_REASONS[purpose]} actionText='登录' onAction={() => void session.ensureAccount(purpose).catch(ignore)} />
      )}
    </PageShell>
  )
}
