// Generated documents for the editor benchmarks: long .mcalc files and Markdown notes of mcalc blocks, prose and LaTeX
// math, of a chosen size. Deterministic (no randomness), so every run measures the same text.

/** Prose as people write it: wrapped lines of ordinary words, with the odd formula that is not about the symbols. */
const WORDS = ('the gradient of the objective follows from the differential and the trace identities we use below '
  + 'each step keeps the shapes in view so that a transposed factor shows at once where it would break the product '
  + 'with a Kronecker factor the sizes multiply and the adjoint is a partial trace').split(' ');

function prose(seed: number, lines: number, width = 78): string[] {
  const out: string[] = [];
  let k = seed * 7;
  for (let l = 0; l < lines; l++) {
    let line = '';
    while (line.length < width - 12) line += `${line ? ' ' : ''}${WORDS[k++ % WORDS.length]}`;
    out.push(line);
  }
  return out;
}

/**
 * One part of a .mcalc file (8 lines): declarations, definitions through a product, a gradient request; every 25th
 * part a claimed derivative (checked numerically), every 40th a shape error (E203), so that diagnostics are not empty.
 */
function mcalcPart(i: number): string[] {
  const lines = [
    `# part ${i}`,
    `A_${i} : m × n`,
    `B_${i} : n × p`,
    `x_${i} : vector p`,
    `S_${i} = A_${i} B_${i}`,
    `f_${i} = tr(S_${i}ᵀ S_${i}) + x_${i}ᵀ x_${i}`,
    i % 40 === 39 ? `g_${i} = A_${i} + B_${i}` : `grad f_${i} wrt A_${i}, B_${i}`,
  ];
  if (i % 25 === 24) lines.push(`∂f_${i}/∂A_${i} = 2 A_${i} B_${i} B_${i}ᵀ`);
  else lines.push('');
  return lines;
}

/** A .mcalc file of exactly `lines` lines. */
export function mcalcDocument(lines: number): string {
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) out.push(...mcalcPart(i));
  return `${out.slice(0, lines).join('\n')}\n`;
}

/**
 * One part of a Markdown note: a heading, wrapped prose with inline LaTeX math (ordinary math, and math about the
 * block's symbols — some of it checked, as a claim, a definition or, every 40th part, a shape error), and an mcalc block.
 */
function markdownPart(i: number, proseLines: number): string[] {
  const body = prose(i, proseLines);
  body[1] = `${body[1]} where $x^2 + y^2 = r^2$ holds`;
  body[3] = `${body[3]} and $f_{${i}} = \\mathrm{tr}(S_{${i}}^T S_{${i}})$ with $S_{${i}} = A_{${i}} B_{${i}}$`;
  if (i % 10 === 5) body[5] = `${body[5]} so $\\frac{\\partial f_{${i}}}{\\partial B_{${i}}} = 2 A_{${i}}^T A_{${i}} B_{${i}}$`;
  if (i % 40 === 39) body[6] = `${body[6]} but $C_{${i}} = A_{${i}} + B_{${i}}$ is wrong`;
  return [
    `## Part ${i}`,
    '',
    ...body,
    '',
    '```mcalc',
    `A_${i} : m × n`,
    `B_${i} : n × p`,
    `S_${i} = A_${i} B_${i}`,
    `f_${i} = tr(S_${i}ᵀ S_${i})`,
    `grad f_${i} wrt A_${i}`,
    '```',
    '',
  ];
}

/** A Markdown note of `blocks` parts, each with `proseLines` lines of prose (25 give about 2 KB a part). */
export function markdownNote(blocks: number, proseLines = 25): string {
  const out: string[] = [];
  for (let i = 0; i < blocks; i++) out.push(...markdownPart(i, proseLines));
  return out.join('\n');
}

/** A Markdown note of about `lines` lines (whole parts of 25 lines of prose). */
export function markdownLines(lines: number): string {
  const perPart = markdownPart(0, 25).length;
  return markdownNote(Math.max(1, Math.round(lines / perPart)));
}

/** A .mcalc file with one definition of `terms` terms (a sum of products) and its gradient: expression size. */
export function expressionDocument(terms: number): string {
  const term = (t: number): string => (t % 3 === 0 ? 'A X B' : t % 3 === 1 ? 'Xᵀ C' : `${t + 1} X`);
  // A balanced sum, so that a long one stays within the parser's depth cap (it is as deep as log₂ terms).
  const sum = (from: number, to: number): string => (to - from === 1 ? term(from) : `(${sum(from, (from + to) >> 1)}) + (${sum((from + to) >> 1, to)})`);
  return `A : n × n\nB : n × n\nC : n × n\nX : n × n\nM = ${sum(0, terms)}\nf = tr(M)\ngrad f wrt X\n`;
}
