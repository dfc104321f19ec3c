import Taro, { useDidShow } from '@tarojs/taro'
import { session, sessionStore } from '@/app-root'
import { ApiError } from '@/services/api/http'
import { useSession } from '@/services/session'

/**
 * For pages that only make sense with an account (我的订单, an order). Opening one without a
 * session shows the login sheet with the reason (the user's tap brought them here: WX-LOGIN-1);
 * 暂不登录 goes back to where they came from (WX-LOGIN-2). True once there is a session.
 */
export function useAccountPage(reason: string): boolean {
  const { user } = useSession()
  useDidShow(() => {
    if (sessionStore.token()) return
    void session.requireAccount(reason).then((loggedIn) => {
      if (!loggedIn) void Taro.navigateBack().catch(() => undefined)
    })
  })
  return user !== null
}

/**
 * An account request for a page's loader: an expired session (401) shows the sheet again and
 * retries once; declining it becomes an error state with 重试 instead of a loop of sheets.
 */
export async function accountRequest<T>(action: () => Promise<T>, reason: string): Promise<T> {
  const result = await session.withAccount(action, '登录已过期，请重新登录')
  if (result === null) throw new ApiError({ kind: 'http', status: 401, code: 'UNAUTHORIZED', message: reason, detail: 'the user declined to log in again' })
  return result
}
