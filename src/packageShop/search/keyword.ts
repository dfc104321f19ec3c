import { TEXT_LIMITS } from '@contract/rules'

/** Longest keyword we send (the server's limit); the input also stops here. */
export const MAX_KEYWORD_LENGTH = TEXT_LIMITS.searchKeyword

/** Trims, collapses inner whitespace and caps the length; returns '' for input with no content. */
export function normalizeKeyword(raw: string): string {
  // Control characters (pasted tabs, newlines) become spaces before whitespace is collapsed.
  const visible = Array.from(raw, (ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? ' ' : ch)).join('')
  const collapsed = visible.replace(/\s+/g, ' ').trim()
  // Cut by code points so an emoji is never split in half.
  return Array.from(collapsed).slice(0, MAX_KEYWORD_LENGTH).join('').trim()
}
