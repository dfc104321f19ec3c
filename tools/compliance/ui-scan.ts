/**
 * Source scans for UI rules a type system cannot see (WX-UI-2, -3, -5). They look for the
 * patterns reviewers reject: text that imitates WeChat's own notices, autoplaying media, and
 * share/follow inducements or floating ads. Heuristics, so each has a test proving it fires.
 */

export interface Finding {
  rule: 'WX-UI-2' | 'WX-UI-3' | 'WX-UI-5'
  file: string
  match: string
}

const IMITATES_SYSTEM = /系统通知|系统消息|系统提示|微信团队|微信安全中心|安全警告|账号存在风险|微信官方/g
const AUTOPLAY_MEDIA = /<(?:Video|Audio|LivePlayer|video|audio|live-player)\b[^>]*\bautoplay\b(?!\s*=\s*\{\s*false\s*\})|\.autoplay\s*=\s*true/g
const INDUCEMENT = /分享(?:后)?(?:得|领|赢|才能)|转发(?:后)?(?:得|领|赢|才能)|邀请好友(?:得|领)|关注(?:公众号)?(?:后)?(?:得|领|才能)|floating-ad|float-ad/g

export function scanUi(files: Array<{ file: string; text: string }>): Finding[] {
  const findings: Finding[] = []
  const collect = (rule: Finding['rule'], pattern: RegExp, file: string, text: string) => {
    for (const match of text.matchAll(pattern)) findings.push({ rule, file, match: match[0] })
  }
  for (const { file, text } of files) {
    collect('WX-UI-2', IMITATES_SYSTEM, file, text)
    collect('WX-UI-3', AUTOPLAY_MEDIA, file, text)
    collect('WX-UI-5', INDUCEMENT, file, text)
  }
  return findings
}
