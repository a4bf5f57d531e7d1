// An analysis whose diagnostics are at hand and whose other parts are made the first time one is read: after a
// keystroke the editor waits for the diagnostics; hovers, tokens and the rest come after them, if at all.
import type { Analysis } from '../analysis';

/** What such an analysis has at once. */
export type EagerPart = Pick<Analysis, 'text' | 'languageId' | 'lineStarts' | 'regions' | 'diagnostics'>;

/** The parts made when first read. */
export type LazyPart = Pick<Analysis, 'statements' | 'math' | 'mathStatements' | 'symbols' | 'sizes' | 'sizeFacts' | 'shapes' | 'references' | 'quote'>;

const LAZY = ['statements', 'math', 'mathStatements', 'symbols', 'sizes', 'sizeFacts', 'shapes', 'references'] as const;

/** `eager` as an analysis, the rest from `rest()`, called once, on the first read of any of it. */
export function lazyAnalysis(eager: EagerPart, rest: () => LazyPart, hasQuote: boolean): Analysis {
  let made: LazyPart | undefined;
  const get = (): LazyPart => (made ??= rest());
  const out = { ...eager } as Partial<Analysis> as Analysis;
  for (const key of LAZY) Object.defineProperty(out, key, { enumerable: true, get: () => get()[key] });
  if (hasQuote) Object.defineProperty(out, 'quote', { enumerable: true, get: () => get().quote });
  return out;
}
