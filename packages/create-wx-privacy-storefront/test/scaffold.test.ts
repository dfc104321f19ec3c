import fs from 'node:fs'
import path from 'node:path'
import { UsageError } from '../src/options'
import { assertTargetFree, readTemplate, renderProject, writeProject, type TemplateFile } from '../src/scaffold'
import { buildTemplate } from '../src/build-template'
import { answersFor, repositoryTemplate, tempDir, REPO_ROOT } from './support'

const file = (p: string, content: string, mode = 0o644): TemplateFile => ({ path: p, content: Buffer.from(content), mode })

describe('writing the project', () => {
  test('files, folders and executable bits land in the target', () => {
    const root = tempDir()
    const target = path.join(root, 'shop')
    writeProject([file('a.txt', 'a'), file('.ci/run', '#!/bin/sh\n', 0o755)], target)
    expect(fs.readFileSync(path.join(target, 'a.txt'), 'utf8')).toBe('a')
    expect(fs.statSync(path.join(target, '.ci/run')).mode & 0o111).not.toBe(0)
    expect(fs.readdirSync(root)).toEqual(['shop'])
  })

  test('an existing empty folder is used', () => {
    const target = path.join(tempDir(), 'shop')
    fs.mkdirSync(target)
    writeProject([file('a.txt', 'a')], target)
    expect(fs.readdirSync(target)).toEqual(['a.txt'])
  })

  test('a non-empty folder is refused and left exactly as it was', () => {
    const root = tempDir()
    const target = path.join(root, 'shop')
    fs.mkdirSync(target)
    fs.writeFileSync(path.join(target, 'notes.md'), 'mine')
    expect(() => writeProject([file('a.txt', 'a')], target)).toThrow(UsageError)
    expect(() => assertTargetFree(target)).toThrow(/is not empty \(notes\.md\)/)
    expect(fs.readdirSync(root)).toEqual(['shop'])
    expect(fs.readdirSync(target)).toEqual(['notes.md'])
  })

  test('a file in the way is refused', () => {
    const target = path.join(tempDir(), 'shop')
    fs.writeFileSync(target, 'x')
    expect(() => assertTargetFree(target)).toThrow('exists and is not a folder')
  })

  test('a failure half-way leaves no partial folder behind', () => {
    const root = tempDir()
    // "a" is both a file and a folder: the second write fails after the first succeeded.
    expect(() => writeProject([file('a', 'x'), file('a/b', 'y')], path.join(root, 'shop'))).toThrow()
    expect(fs.readdirSync(root)).toEqual([])
  })
})

describe('the template as packed', () => {
  test('built from tracked files only: no initializer, build output, screenshots; .gitignore survives npm pack as _gitignore', () => {
    const repo = tempDir()
    const files = ['package.json', 'package-lock.json', '.gitignore', 'server/.gitignore', 'src/a.ts', 'docs/screenshots/1.png', 'docs/measurements/x.json', 'packages/create-x/src/cli.ts', 'dist/app.js', 'node_modules/x/index.js', 'deleted.ts']
    for (const tracked of files.filter((name) => name !== 'deleted.ts')) {
      fs.mkdirSync(path.dirname(path.join(repo, tracked)), { recursive: true })
      fs.writeFileSync(path.join(repo, tracked), tracked === 'package.json' ? '{"name":"wx-privacy-storefront"}' : tracked)
    }
    const out = path.join(tempDir(), 'template')
    expect(buildTemplate(repo, out, files)).toBe(5)
    const listed = readTemplate(out).map((entry) => entry.path).sort()
    expect(listed).toEqual(['.gitignore', 'package-lock.json', 'package.json', 'server/.gitignore', 'src/a.ts'])
    expect(fs.existsSync(path.join(out, '_gitignore'))).toBe(true)
    expect(fs.existsSync(path.join(out, '.gitignore'))).toBe(false)
  })

  test('refuses to build from a folder that is not the template repository', () => {
    const repo = tempDir()
    fs.writeFileSync(path.join(repo, 'readme.md'), 'x')
    expect(() => buildTemplate(repo, path.join(tempDir(), 't'), ['readme.md'])).toThrow('template/package.json is missing')
  })

  test('a missing template/ is reported, not half-used', () => {
    expect(() => readTemplate(path.join(tempDir(), 'template'))).toThrow('the template is missing')
  })

  test('this repository renders completely: binary files untouched, the rest rewritten', () => {
    const template = repositoryTemplate()
    expect(template.some((entry) => entry.path.startsWith('packages/'))).toBe(false)
    expect(template.map((entry) => entry.path)).toContain('.gitignore')
    const rendered = renderProject(template, answersFor(path.join(REPO_ROOT, '.tmp', 'unused')))
    expect(rendered).toHaveLength(template.length)
    const png = template.findIndex((entry) => entry.path.endsWith('.png'))
    expect(png).toBeGreaterThanOrEqual(0)
    expect(rendered[png]?.content.equals(template[png]?.content ?? Buffer.alloc(0))).toBe(true)
  })
})
