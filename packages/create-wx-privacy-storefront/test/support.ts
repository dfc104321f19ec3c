import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Answers } from '../src/options'
import { trackedFiles } from '../src/build-template'
import type { TemplateFile } from '../src/scaffold'
import { fromTemplatePath, isTemplateFile, toTemplatePath } from '../src/template-files'

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..')

/** The template exactly as prepack would build it, read from this repository without writing it. */
export function repositoryTemplate(): TemplateFile[] {
  return trackedFiles(REPO_ROOT)
    .filter((file) => isTemplateFile(file) && fs.existsSync(path.join(REPO_ROOT, file)))
    .map((file) => {
      const full = path.join(REPO_ROOT, file)
      return { path: fromTemplatePath(toTemplatePath(file)), content: fs.readFileSync(full), mode: fs.statSync(full).mode }
    })
}

export function answersFor(targetDir: string, overrides: Partial<Answers> = {}): Answers {
  return { targetDir, packageName: 'my-shop', appid: 'wx0123456789abcdef', apiBase: 'https://api.example.com', shopName: '测试小店', ...overrides }
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'create-storefront-'))
}
