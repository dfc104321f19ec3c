/**
 * Writes a new project from template/: everything is rewritten in memory and written to a
 * hidden sibling folder first, which is renamed to the target only when complete. A failure
 * before the rename removes the partial folder, so an error leaves nothing behind.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { UsageError, type Answers } from './options'
import { rewriteProject } from './rewrite'
import { fromTemplatePath, isTextFile } from './template-files'

export interface TemplateFile {
  /** Path inside the new project (underscore names already mapped back, e.g. .gitignore). */
  path: string
  content: Buffer
  mode: number
}

export function readTemplate(templateDir: string): TemplateFile[] {
  if (!fs.existsSync(path.join(templateDir, 'package.json'))) {
    throw new Error(`the template is missing (${templateDir}); it is built when the package is packed (npm pack)`)
  }
  const files: TemplateFile[] = []
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile()) {
        const relative = path.relative(templateDir, full).split(path.sep).join('/')
        files.push({ path: fromTemplatePath(relative), content: fs.readFileSync(full), mode: fs.statSync(full).mode })
      }
    }
  }
  walk(templateDir)
  return files
}

/** Refuses a target that exists and is not an empty folder. */
export function assertTargetFree(targetDir: string): void {
  let stat: fs.Stats
  try {
    stat = fs.statSync(targetDir)
  } catch {
    return
  }
  if (!stat.isDirectory()) throw new UsageError(`${targetDir} exists and is not a folder`)
  const entries = fs.readdirSync(targetDir)
  if (entries.length > 0) {
    throw new UsageError(`${targetDir} is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}); choose a new folder name`)
  }
}

/** The template with every rewrite applied; text files rewritten, the rest byte for byte. */
export function renderProject(template: readonly TemplateFile[], answers: Answers): TemplateFile[] {
  const text = new Map<string, string>()
  for (const file of template) if (isTextFile(file.path, file.content)) text.set(file.path, file.content.toString('utf8'))
  const rewritten = rewriteProject(text, answers)
  return template.map((file) => {
    const content = rewritten.get(file.path)
    return content === undefined ? file : { ...file, content: Buffer.from(content, 'utf8') }
  })
}

export function writeProject(files: readonly TemplateFile[], targetDir: string): void {
  assertTargetFree(targetDir)
  const parent = path.dirname(targetDir)
  fs.mkdirSync(parent, { recursive: true })
  const staging = path.join(parent, `.${path.basename(targetDir)}.${randomBytes(4).toString('hex')}.partial`)
  try {
    for (const file of files) {
      const destination = path.join(staging, ...file.path.split('/'))
      fs.mkdirSync(path.dirname(destination), { recursive: true })
      fs.writeFileSync(destination, file.content, { mode: file.mode & 0o777 })
    }
    // An empty target folder may exist (e.g. made by the user); rename needs it gone.
    if (fs.existsSync(targetDir)) fs.rmdirSync(targetDir)
    fs.renameSync(staging, targetDir)
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true })
    throw error
  }
}
