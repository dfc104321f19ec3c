/**
 * The ordered log of privacy and authorization calls the package made (and the platform events
 * it caused), which the journeys assert step by step: "no privacy API before the agreement".
 */
export interface CallEntry {
  /** An API name (getPrivacySetting, login…), "<open-type> button", "nickname input" or "privacy prompt". */
  name: string
  /** What happened: ok, fail …, or the user's answer. */
  outcome: string
  route: string | null
  inTap: boolean
}

export class CallLog {
  private readonly entries: CallEntry[] = []
  private mark = 0

  add(entry: CallEntry): void {
    this.entries.push(entry)
  }

  all(): readonly CallEntry[] {
    return this.entries
  }

  /** "name → outcome" lines since the previous call (one journey step). */
  takeStep(): string[] {
    const step = this.entries.slice(this.mark).map((entry) => `${entry.name} → ${entry.outcome}`)
    this.mark = this.entries.length
    return step
  }
}
