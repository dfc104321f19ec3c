import fs from 'node:fs'

/**
 * Which 用户隐私保护指引 information type covers each privacy API or component, after WeChat's
 * 「小程序用户隐私保护指引内容介绍」 (the interface → information-type table). Only the entries this
 * package can reach are listed; an API not listed here is not gated by a declaration.
 */
export const DECLARATION_OF_API: Readonly<Record<string, string>> = {
  getPhoneNumber: '手机号',
  getRealtimePhoneNumber: '手机号',
  chooseAvatar: '用户信息',
  nickname: '用户信息',
  getFuzzyLocation: '位置信息',
  chooseLocation: '位置信息',
  chooseAddress: '地址',
  chooseImage: '选中的照片或视频信息',
  chooseMedia: '选中的照片或视频信息',
  getClipboardData: '剪切板',
}

/**
 * The information types the developer declared, read from the 信息类型 column of the "Declare in
 * the admin console" table of docs/privacy-declaration.md (what a developer copies into the admin
 * console). A type is matched by its leading name: "位置信息（模糊位置）" declares 位置信息.
 */
export function readDeclaredTypes(markdownFile: string): string[] {
  const markdown = fs.readFileSync(markdownFile, 'utf8')
  const section = markdown.split(/^## /m).find((part) => part.startsWith('Declare in the admin console'))
  if (!section) throw new Error(`${markdownFile}: no "Declare in the admin console" section`)
  const rows = section.split('\n').filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line)).slice(1)
  return rows.map((row) => (row.split('|')[1] ?? '').trim()).filter((cell) => cell !== '')
}

export function isDeclared(api: string, declaredTypes: readonly string[]): boolean {
  const type = DECLARATION_OF_API[api]
  return type === undefined || declaredTypes.some((declared) => declared.startsWith(type))
}
