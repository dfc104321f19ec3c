import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * What a phone keeps between launches of the mini program: its storage (wx.setStorage*), the
 * privacy agreement WeChat recorded for this user, the authorization settings (scope → granted),
 * and temp files (chosen avatars). A relaunch is a new MiniProgram on the same Device.
 */
export class Device {
  /** key → JSON text, as WeChat keeps storage (values must be JSON-serialisable). */
  readonly storage = new Map<string, string>()
  privacyAgreed = false
  readonly authSetting: Record<string, boolean> = {}
  private tempDir: string | null = null
  private tempCount = 0

  /** Writes a temp file and returns its wxfile:// path, as WeChat hands out chosen files. */
  writeTempFile(bytes: Buffer, extension: string): string {
    this.tempDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-device-'))
    const name = `tmp_${++this.tempCount}.${extension}`
    fs.writeFileSync(path.join(this.tempDir, name), bytes)
    return `wxfile://${name}`
  }

  readTempFile(filePath: string): Buffer {
    const name = filePath.replace(/^wxfile:\/\//, '')
    if (!this.tempDir || name.includes('/') || !fs.existsSync(path.join(this.tempDir, name))) {
      throw new Error(`no such temp file: ${filePath}`)
    }
    return fs.readFileSync(path.join(this.tempDir, name))
  }

  dispose(): void {
    if (this.tempDir) fs.rmSync(this.tempDir, { recursive: true, force: true })
    this.tempDir = null
  }
}
