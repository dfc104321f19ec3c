export interface FetchedToken {
  accessToken: string
  /** Seconds, as WeChat reports it (7200). */
  expiresIn: number
}

/** Fetches a token; forceRefresh invalidates the current one at WeChat (stable_token's force mode). */
export type TokenFetcher = (forceRefresh: boolean) => Promise<FetchedToken>

/** Refresh this long before WeChat's expiry, so a token is never used in its last minutes. */
export const REFRESH_EARLY_MS = 5 * 60_000

/**
 * The app's one access_token: cached until shortly before it expires, and fetched once even when
 * many requests need it at the same moment (WeChat rate-limits token calls).
 */
export class AccessTokenCache {
  private current: { token: string; refreshAt: number } | null = null
  private pending: Promise<string> | null = null

  constructor(
    private readonly fetchToken: TokenFetcher,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<string> {
    if (this.current && this.now() < this.current.refreshAt) return Promise.resolve(this.current.token)
    return this.refresh(false)
  }

  /** A token to retry with after WeChat rejected `rejected` (errcode 40001 or 42001). */
  async replace(rejected: string): Promise<string> {
    // Another request may already have replaced it.
    if (this.current && this.current.token !== rejected && this.now() < this.current.refreshAt) return this.current.token
    this.current = null
    const token = await this.refresh(false)
    // stable_token's normal mode hands back the same token while WeChat thinks it is valid;
    // if that is the one just rejected, only a forced refresh gives a working one.
    return token === rejected ? this.refresh(true) : token
  }

  private refresh(forceRefresh: boolean): Promise<string> {
    if (this.pending) return this.pending
    const pending = this.fetchToken(forceRefresh)
      .then(({ accessToken, expiresIn }) => {
        const lifetimeMs = expiresIn * 1000
        // A very short lifetime (never seen in practice) is used for half its length.
        const refreshIn = lifetimeMs > 2 * REFRESH_EARLY_MS ? lifetimeMs - REFRESH_EARLY_MS : lifetimeMs / 2
        this.current = { token: accessToken, refreshAt: this.now() + refreshIn }
        return accessToken
      })
      .finally(() => {
        if (this.pending === pending) this.pending = null
      })
    this.pending = pending
    return pending
  }
}
