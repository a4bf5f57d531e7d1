// Names as LaTeX math writes them: renaming one in LaTeX's spelling of the new name (W₂ → W_{2}, λ → \lambda) and in
// the style it was written in (`\mathbf{A}` stays bold: only the name inside the command changes), and the style a
// note gives its symbols, for what mcalc writes back into it.
import type { TextEdit } from '../diagnostics';
import { latexName } from '../print/latex-names';
import { SYMBOL_STYLES } from '../syntax/latex-commands';
import { lexLatex } from '../syntax/latex-lexer';
import type { Span } from '../syntax/span';
import type { SymbolInfo } from '../shapes/infer';
import { formulaAt, resolveNames, type MathSpan } from './math';

/** Whether LaTeX's spelling of `name` reads back as `name` (a name in Cyrillic, say, has none: \text{ж} is prose). */
export function hasLatexSpelling(name: string): boolean {
  const tokens = lexLatex(latexName(name));
  if (!tokens || tokens.length !== 2 || tokens[0]!.kind !== 'name') return false;
  return resolveNames(tokens, (n) => n === name)[0]!.text === name;
}

/** The index of the brace that closes the one at `open`, or -1. */
function closingBrace(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === '{') depth++;
    else if (s[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

/**
 * The edit that writes `newName` in place of the name at `span` (a name token of the LaTeX reader: `A`, `\alpha`,
 * `W_{1}`, `\mathbf{A}`, `\mathbf{W}_{1}`, `\mathrm{nll}`, or a size `{m}` in `I_{m}`).
 */
export function latexRenameEdit(text: string, span: Span, newName: string): TextEdit {
  const written = text.slice(span.start, span.end);
  const spelled = latexName(newName);
  const styled = /^\\([A-Za-z]+)\s*\{/.exec(written);
  if (styled && SYMBOL_STYLES.has(styled[1]!)) {
    const open = styled[0].length - 1;
    const close = closingBrace(written, open);
    if (close === written.length - 1) {
      return { span: { start: span.start + open + 1, end: span.end - 1 }, newText: spelled };
    }
    // A style on the letter and a subscript after it (\mathbf{W}_{1}): the style goes around the new name.
    return separated(text, span, `\\${styled[1]}{${spelled}}`);
  }
  if (/^\{[^{}]*\}$/.test(written)) return { span: { start: span.start + 1, end: span.end - 1 }, newText: spelled };
  return separated(text, span, spelled);
}

/** Keeps a command apart from letters around it: `\alpha n`, not `\alphan`; `\cdot x`, not `\cdotx`. */
function separated(text: string, span: Span, newText: string): TextEdit {
  let t = newText;
  if (/\\[A-Za-z]+$/.test(t) && /[A-Za-z]/.test(text[span.end] ?? '')) t = `${t} `;
  if (/^[A-Za-z]/.test(t) && /\\[A-Za-z]+$/.test(text.slice(Math.max(0, span.start - 40), span.start))) t = ` ${t}`;
  return { span, newText: t };
}

/**
 * How the note writes its symbols where that is not latexName's spelling: a symbol declared or defined in math as
 * `\mathbf{A}` (`\boldsymbol{\Sigma}`, …) is written so in what mcalc inserts, e.g. `\mathbf{A}^{\top}`.
 */
export function writtenStyles(text: string, math: readonly MathSpan[], symbols: ReadonlyMap<string, SymbolInfo>): (name: string) => string | undefined {
  const styles = new Map<string, string>();
  for (const sym of symbols.values()) {
    if (!formulaAt(math, sym.nameSpan)) continue;
    const style = /^\\([A-Za-z]+)\s*\{/.exec(text.slice(sym.nameSpan.start, sym.nameSpan.end))?.[1];
    if (style && SYMBOL_STYLES.has(style)) styles.set(sym.name, `\\${style}{${latexName(sym.name)}}`);
  }
  return (name) => styles.get(name);
}
