import { session } from '@/app-root'
import StateView from '@/components/state-view'

/**
 * What an account page shows without a session (before login, or after declining a re-login):
 * the reason and a 登录 button; never a loop of sheets.
 */
export default function AccountRequired({ reason }: { reason: string }) {
  return <StateView kind='empty' title={reason} actionText='登录' onAction={() => void session.requireAccount(reason)} />
}
