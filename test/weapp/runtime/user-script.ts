/**
 * The user's answers to WeChat's own prompts, scripted by a test. A prompt with no answer queued
 * is a test error (reported by the runtime), so a journey states every decision the user makes.
 */
export type PromptKind =
  | 'authorize' // the scope prompt (e.g. 允许使用模糊位置)
  | 'phoneNumber' // the getPhoneNumber sheet
  | 'chooseAvatar' // the avatar chooser
  | 'subscribe' // the subscribe-message prompt
  | 'modal' // wx.showModal
  | 'openSetting' // the settings page: which scopes the user turns on
  | 'nicknameReview' // WeChat's security review of a typed nickname
  | 'officialPrivacyPopup' // WeChat's own privacy popup (only when the app does not respond)

export type Answer =
  | 'allow' | 'deny' | 'cancel' | 'quota' // authorize / phoneNumber / chooseAvatar / modal: confirm=allow
  | 'agree' | 'disagree'
  | 'accept' | 'reject'
  | 'pass' | 'fail' | 'timeout'

export class UserScript {
  private readonly queues = new Map<PromptKind, Answer[]>()
  readonly unanswered: string[] = []

  will(kind: PromptKind, ...answers: Answer[]): this {
    this.queues.set(kind, [...(this.queues.get(kind) ?? []), ...answers])
    return this
  }

  /** The next answer for `kind`, or null (and a recorded test error) when none was scripted. */
  answer(kind: PromptKind, what: string): Answer | null {
    const next = this.queues.get(kind)?.shift()
    if (next === undefined) {
      this.unanswered.push(`${kind}: ${what}`)
      return null
    }
    return next
  }

  /** The next answer for `kind` if one was scripted, else null (for reviews that need no decision). */
  optional(kind: PromptKind): Answer | null {
    return this.queues.get(kind)?.shift() ?? null
  }

  /** Answers scripted but never asked for: a journey expected a prompt that did not come. */
  pending(): string[] {
    return [...this.queues.entries()].flatMap(([kind, answers]) => answers.map((answer) => `${kind}: ${answer}`))
  }
}
