// An analysis whose diagnostics are at hand and whose other parts are made the first time one is read: after a
// keystroke the editor waits for the diagnostics; hovers, tokens and the rest come after them, if at all.
import type { Analysis } from '../analysis';
import { flat, type TextLike } from './piece-text';

/** What such an analysis has at once (its text as one string only when read: see piece-text.ts). */
export type EagerPart = Pick<Analysis, 'languageId' | 'lineStarts' | 'regions' | 'diagnostics'> & { readonly text: TextLike };

/** The parts made when first read. */
export type LazyPart = Pick<Analysis, 'statements' | 'math' | 'mathStatements' | 'symbols' | 'sizes' | 'sizeFacts' | 'shapes' | 'references' | 'quote'>;

const LAZY = ['statements', 'math', 'mathStatements', 'symbols', 'sizes', 'sizeFacts', 'shapes', 'references'] as const;

/** `eager` as an analysis, the rest from `rest()`, called once, on the first read of any of it. */
export function lazyAnalysis(eager: EagerPart, rest: () => LazyPart, hasQuote: boolean): Analysis {
  let made: LazyPart | undefined;
  const get = (): LazyPart => (made ??= rest());
  const { text, ...known } = eager;
  const out = { ...known } as Partial<Analysis> as Analysis;
  if (typeof text === 'string') Object.defineProperty(out, 'text', { enumerable: true, value: text });
  else Object.defineProperty(out, 'text', { enumerable: true, get: () => flat(text) });
  for (const key of LAZY) Object.defineProperty(out, key, { enumerable: true, get: () => get()[key] });
  if (hasQuote) Object.defineProperty(out, 'quote', { enumerable: true, get: () => get().quote });
  return out;
}
