/**
 * What every weapp test file shares: one real backend per file, and launching the compiled
 * package on a device (a relaunch passes the same device).
 */
import { Device } from '../runtime/device'
import { DIST_DIR, MiniProgram, type LaunchOptions } from '../runtime/mini-program'
import { UserScript } from '../runtime/user-script'
import { builtApiOrigin, startWeappBackend, type WeappBackend } from './backend'

import { DECLARATION_FILE } from './paths'

export interface Harness {
  backend: WeappBackend
  /** Launches dist/ (or another package folder) on `device` (a fresh one by default). */
  launch(options?: Partial<LaunchOptions>): Promise<MiniProgram>
  /** Closes `mp` and launches the package again on the same device (storage, agreement, scopes kept). */
  relaunch(mp: MiniProgram, options?: Partial<LaunchOptions>): Promise<MiniProgram>
}

/** Registers beforeAll/afterAll for the backend and closes every launched runtime after each test. */
export function setUpHarness(): Harness {
  const launched: MiniProgram[] = []
  const devices = new Set<Device>()
  const harness = {} as Harness
  beforeAll(async () => {
    harness.backend = await startWeappBackend()
  })
  afterEach(() => {
    launched.splice(0).forEach((mp) => mp.close())
    devices.forEach((device) => device.dispose())
    devices.clear()
  })
  afterAll(async () => {
    await harness.backend?.close()
  })
  harness.launch = async (options = {}) => {
    const device = options.device ?? new Device()
    devices.add(device)
    const mp = await MiniProgram.launch({
      distDir: DIST_DIR,
      backendUrl: harness.backend.url,
      apiOrigin: builtApiOrigin(),
      declarationFile: DECLARATION_FILE,
      user: new UserScript(),
      ...options,
      device,
    })
    launched.push(mp)
    return mp
  }
  harness.relaunch = (mp, options = {}) => {
    mp.close()
    return harness.launch({ distDir: mp.manifest.distDir, ...options, device: mp.device })
  }
  return harness
}
