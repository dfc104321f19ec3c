/**
 * Builds template/ from the repository's git-tracked files (run by `npm pack` through prepack),
 * so whatever the repository tracks at pack time is what a new shop gets: no fixed file list.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { isTemplateFile, toTemplatePath } from './template-files'

export function trackedFiles(repoRoot: string): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return out.split('\0').filter((file) => file !== '')
}

/** Copies the template files of `repoRoot` into a fresh `outDir`; returns how many were copied. */
export function buildTemplate(repoRoot: string, outDir: string, files: readonly string[] = trackedFiles(repoRoot)): number {
  fs.rmSync(outDir, { recursive: true, force: true })
  let copied = 0
  for (const file of files) {
    const source = path.join(repoRoot, ...file.split('/'))
    // A tracked file deleted in the working tree is not part of the template any more.
    if (!isTemplateFile(file) || !fs.existsSync(source)) continue
    const destination = path.join(outDir, ...toTemplatePath(file).split('/'))
    fs.mkdirSync(path.dirname(destination), { recursive: true })
    fs.copyFileSync(source, destination)
    fs.chmodSync(destination, fs.statSync(source).mode & 0o777)
    copied += 1
  }
  for (const needed of ['package.json', 'package-lock.json', '_gitignore']) {
    if (!fs.existsSync(path.join(outDir, needed))) throw new Error(`template/${needed} is missing: is ${repoRoot} the template repository?`)
  }
  return copied
}
