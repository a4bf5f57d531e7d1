// Helpers of the query tests: text with a cursor mark `¦`, analysed, and spans read back as text.
import { analyze, type Analysis, type LanguageId } from '../../server/src/core';

export const MARK = '¦';

/** The analysis of `marked` without its mark, and the offset where the mark was. */
export function at(marked: string, languageId: LanguageId = 'mcalc'): { a: Analysis; offset: number; text: string } {
  const offset = marked.indexOf(MARK);
  if (offset < 0) throw new Error(`no cursor mark ${MARK} in: ${marked}`);
  const text = marked.slice(0, offset) + marked.slice(offset + MARK.length);
  return { a: analyze(text, languageId), offset, text };
}

/** The text a span covers. */
export const covered = (text: string, s: { start: number; end: number }): string => text.slice(s.start, s.end);

/** The offset of the k-th (0-based) occurrence of `needle`, plus `delta`. */
export function offsetOf(text: string, needle: string, k = 0, delta = 0): number {
  let i = -1;
  for (let j = 0; j <= k; j++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`'${needle}' occurs fewer than ${k + 1} times`);
  }
  return i + delta;
}
