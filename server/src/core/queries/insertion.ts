// gradientInsertion: the text "Derive ∂f/∂X" writes into the document, as mcalc, LaTeX or NumPy, and where. Always an
// insertion: the user's text is never replaced.
import type { Analysis } from '../analysis';
import type { TextEdit } from '../diagnostics';
import { writtenStyles } from '../documents/math-names';
import { printLatex } from '../print/latex';
import { latexName } from '../print/latex-names';
import type { Expr } from '../syntax/ast';
import type { DeriveTarget } from './derive-target';

export type InsertFormat = 'mcalc' | 'latex' | 'numpy';

/** The gradient in the three notations (as GradientResult has them), and its tree, to write it in the note's style. */
export interface GradientTexts {
  readonly mcalc: string;
  readonly latex: string;
  readonly numpy: string;
  readonly expr?: Expr;
}

/** Where a derive target writes: its placements (a DeriveTarget has them all). */
export type InsertPlacement = Pick<DeriveTarget, 'place' | 'insertOffset' | 'needsNewline' | 'indent' | 'after'>;

/** The formats a document can take: a `.mcalc` file holds mcalc only. */
export function insertFormats(at: InsertPlacement): InsertFormat[] {
  return at.place === 'mcalc' ? ['mcalc'] : ['mcalc', 'latex', 'numpy'];
}

/** `\frac{\partial f}{\partial X}`, as the LaTeX reader reads a claim's head; `name` writes a name in a note's style. */
export function latexPartial(of: string, wrt: string, name: (n: string) => string | undefined = () => undefined): string {
  return `\\frac{\\partial ${name(of) ?? latexName(of)}}{\\partial ${name(wrt) ?? latexName(wrt)}}`;
}

/**
 * The edit that writes ∂f/∂X in `format`:
 * - mcalc: `∂f/∂X = …` on the line after the statement (in its block); for a statement in LaTeX math, an ```mcalc
 *   block after its paragraph (mcalc in a line of prose would be neither mcalc nor prose);
 * - latex (Markdown): a display-math paragraph `$$\frac{\partial f}{\partial X} = …$$` after the block or paragraph,
 *   which the LaTeX reader reads back as a claim and the diagnostics check; symbols the note writes in bold
 *   (`\mathbf{A}`) are bold in it too;
 * - numpy (Markdown): a ```python block with the NumPy export after the block or paragraph.
 * New paragraphs are set off by blank lines and carry the container's prefix (a list item's indentation, `> `).
 */
export function gradientInsertion(
  a: Analysis, at: InsertPlacement, of: string, wrt: string, format: InsertFormat, g: GradientTexts,
): { edit: TextEdit } | { error: string } {
  const { text } = a;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (!insertFormats(at).includes(format)) return { error: `a .mcalc file holds mcalc only: ${format === 'latex' ? 'LaTeX' : 'NumPy'} goes into Markdown notes` };
  if (format === 'mcalc' && at.place !== 'math') {
    const line = `${at.indent}∂${of}/∂${wrt} = ${g.mcalc}`;
    return { edit: { span: { start: at.insertOffset, end: at.insertOffset }, newText: at.needsNewline ? `${eol}${line}` : `${line}${eol}` } };
  }
  const p = at.after;
  if (!p) return { error: 'the mcalc block is not closed: close it (```) so that a paragraph can follow it' };
  const lines = format === 'latex' ? [latexClaim(a, of, wrt, g)]
    : format === 'numpy' ? fenced(g.numpy.replace(/\n+$/, ''), 'python')
      : fenced(`∂${of}/∂${wrt} = ${g.mcalc}`, 'mcalc');
  const blank = p.prefix.trimEnd();
  const body = lines.map((l) => (l === '' ? blank : `${p.prefix}${l}`).trimEnd());
  const newText = [...(p.needsNewline ? [''] : []), blank, ...body, ...(p.blankAfter ? [blank] : [])].join(eol) + (p.needsNewline ? '' : eol);
  return { edit: { span: { start: p.offset, end: p.offset }, newText } };
}

/** `$$\frac{\partial f}{\partial X} = …$$`, its names written as the note writes them. */
function latexClaim(a: Analysis, of: string, wrt: string, g: GradientTexts): string {
  const name = writtenStyles(a.text, a.math, a.symbols);
  const latex = g.expr ? printLatex(g.expr, { name }) : g.latex;
  return `$$${latexPartial(of, wrt, name)} = ${latex}$$`;
}

/** The lines of a fenced block whose fence no run of backticks inside can close. */
function fenced(code: string, language: string): string[] {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${language}`, ...code.split(/\r?\n/), fence];
}
