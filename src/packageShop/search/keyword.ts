/** Longest keyword we send; the input also stops at this length. */
export const MAX_KEYWORD_LENGTH = 30

/** Trims, collapses inner whitespace and caps the length; returns '' for input with no content. */
export function normalizeKeyword(raw: string): string {
  // Control characters (pasted tabs, newlines) become spaces before whitespace is collapsed.
  const visible = Array.from(raw, (ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? ' ' : ch)).join('')
  return visible
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_KEYWORD_LENGTH)
    .trim()
}
