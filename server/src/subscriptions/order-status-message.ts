import type { FastifyBaseLogger } from 'fastify'
import { openidOf } from '../accounts/users'
import { ORDER_STATUS_TEXT, type OrderStatus } from '../contract'
import type { Database } from '../db/database'
import type { Clock } from '../time'
import { WeChatError, WECHAT_ERRCODES, type SubscribeMessage, type WeChatApi } from '../wechat/api'

/** The mini program page a message opens: the order's detail (packageAccount/order?id=…). */
export const orderPage = (orderId: string): string => `packageAccount/order/index?id=${orderId}`


/** "2026-11-21 18:30" in China time, as subscribe-message time fields expect. */
function chinaTime(at: Date): string {
  return new Date(at.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 16).replace('T', ' ')
}

/**
 * The message data: order number, status and time — order status only, never marketing, and no
 * personal data (WX-SUB-4). The keys must match the fields of the template chosen in the admin
 * console (character_string = order number, phrase = status, time = when); adjust them there or here.
 */
export function orderStatusData(orderId: string, status: OrderStatus, at: Date): SubscribeMessage['data'] {
  return {
    character_string1: { value: orderId },
    phrase2: { value: ORDER_STATUS_TEXT[status] },
    time3: { value: chinaTime(at) },
  }
}

export interface NotifyDeps {
  db: Database
  wechat: WeChatApi
  now: Clock
  log: FastifyBaseLogger
}

/**
 * After an order's status changed: sends one order-status message through the first accepted,
 * unused one-time subscription of that order (WX-SUB-3), if any. It never throws — the order has
 * already changed, and a message is a courtesy (WX-SUB-2). 43101 means the user is not (or no
 * longer) subscribed: recorded, not an error. Other failures release the subscription so a
 * later status change may try again, and are logged by errcode only.
 */
export async function notifyStatusChange(deps: NotifyDeps, orderId: string, status: OrderStatus): Promise<void> {
  const { db, wechat, now, log } = deps
  let claimed: { id: string; template_id: string; user_id: string } | undefined
  try {
    // Claimed in one statement, so concurrent status changes never send the same subscription twice.
    ;[claimed] = await db.query<{ id: string; template_id: string; user_id: string }>(
      `update subscriptions set sent_at = $2::timestamptz, result = 'sending'
       where id = (
         select id from subscriptions
         where order_id = $1 and decision = 'accept' and sent_at is null
         order by id limit 1 for update skip locked
       )
       returning id, template_id, user_id`,
      [orderId, now().toISOString()],
    )
    if (!claimed) return
    const openid = await openidOf(db, claimed.user_id)
    if (openid === null) return
    await wechat.sendSubscribeMessage({
      openid,
      templateId: claimed.template_id,
      page: orderPage(orderId),
      data: orderStatusData(orderId, status, now()),
    })
    await db.query(`update subscriptions set result = 'sent' where id = $1`, [claimed.id])
  } catch (error) {
    const notSubscribed = error instanceof WeChatError && error.errcode === WECHAT_ERRCODES.notSubscribed
    const line = { status, wechatErrcode: error instanceof WeChatError ? error.errcode : undefined }
    if (notSubscribed) log.info(line, 'subscribe message not sent: user not subscribed (43101)')
    else log.warn({ ...line, err: error instanceof WeChatError ? undefined : error }, 'subscribe message failed')
    if (!claimed) return
    await db
      .query(
        notSubscribed
          ? `update subscriptions set result = 'not_subscribed' where id = $1`
          : `update subscriptions set result = 'failed', sent_at = null where id = $1`,
        [claimed.id],
      )
      .catch((recordError: unknown) => log.error({ err: recordError }, 'could not record the subscribe message result'))
  }
}
