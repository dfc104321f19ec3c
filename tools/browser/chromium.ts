/**
 * Debian's Chromium driven by playwright-core (no browser download is possible here). The flags
 * keep it from reaching for the network: this machine has none beyond the package registries.
 */
import fs from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  (candidate): candidate is string => Boolean(candidate),
)

export function chromiumPath(): string {
  const found = CANDIDATES.find((candidate) => fs.existsSync(candidate))
  if (!found) throw new Error('Chromium not found: apt-get install chromium (or set CHROMIUM_PATH)')
  return found
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })
}

/** A phone-sized page (iPhone X class), as the storefront is designed for. */
export const PHONE_VIEWPORT = { width: 375, height: 812 }
