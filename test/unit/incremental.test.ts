// The incremental analysis (core/incremental/analyzer.ts) is the analysis: after any sequence of edits, what it gives
// equals what analyze() gives for the same text — diagnostics, statements, shapes, symbols, sizes, references, math —
// on every fixture and example, and on generated notes with quotes, lists, fences, math and claims.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyze, type Analysis, type LanguageId } from '../../server/src/core';
import { DocumentAnalyzer } from '../../server/src/core/incremental/analyzer';
import { PieceText } from '../../server/src/core/incremental/piece-text';
import { composeChanges, diffText, mapOffset, updateLineStarts } from '../../server/src/core/incremental/text-change';
import { lineStarts } from '../../server/src/core/documents/markdown';
import type { Dim } from '../../server/src/core/shapes/dim';
import type { Expr, Statement } from '../../server/src/core/syntax/ast';
import { placeOf } from '../../server/src/core/syntax/span';

/**
 * Everything an analysis says, in a form where order counts (a Dim's terms and factors too: messages print them) —
 * but for the node shapes, a table that readers only look nodes up in (region-map.ts keeps it region by region): they
 * are compared in the order of the nodes in the text.
 */
function view(a: Analysis): unknown {
  const dim = (d: Dim): unknown => [...d].map(([k, t]) => [k, t.coef, [...t.factors]]);
  const byPlace = ([x]: [Expr, unknown], [y]: [Expr, unknown]): number => x.start - y.start || x.end - y.end;
  // Where, not what: a fresh analysis records a place as its node (every node is its own span), an incremental one
  // may record a moved copy of that place.
  return {
    text: a.text, lineStarts: a.lineStarts, regions: a.regions, statements: a.statements, diagnostics: a.diagnostics,
    math: a.math, mathStatements: [...a.mathStatements].map((s) => a.statements.indexOf(s)),
    symbols: [...a.symbols].map(([k, s]) => [k, { ...s, nameSpan: placeOf(s.nameSpan), statementSpan: placeOf(s.statementSpan), shape: s.shape && [dim(s.shape.rows), dim(s.shape.cols)] }]),
    sizes: [...a.sizes].map(([k, s]) => [k, s.uses.map(placeOf), s.value && dim(s.value)]),
    sizeFacts: [...a.sizeFacts].map((s) => a.statements.indexOf(s)),
    shapes: [...a.shapes].sort(byPlace).map(([e, s]) => [e, dim(s.rows), dim(s.cols)]),
    references: [...a.references].map(([k, uses]) => [k, uses.map(placeOf)]),
    quote: a.statements.map((s) => (s.kind === 'definition' || s.kind === 'claim' ? a.quote?.(s.value) : undefined)),
  };
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(md|mcalc)$/.test(f) ? [p] : [];
  });
}

const languageOf = (path: string): LanguageId => (path.endsWith('.md') ? 'markdown' : 'mcalc');

/** A generated note: blocks, math about their symbols (definitions, claims, errors), quotes, lists, other fences. */
function note(parts: number): string {
  const out: string[] = [];
  for (let i = 0; i < parts; i++) {
    out.push(`## Part ${i}`, '', `Prose about $A_{${i}} \\in \\mathbb{R}^{m \\times n}$ and $x^2$, with $S_{${i}} = A_{${i}}^T A_{${i}}$.`);
    if (i % 3 === 1) out.push('', `> quoted $T_{${i}} = A_{${i}} A_{${i}}$`, '> ```mcalc', `> U_${i} = A_${i}ᵀ`, '> ```');
    if (i % 4 === 2) out.push('', `- item with $\\frac{\\partial f_{${i}}}{\\partial B_${i}} = 2 B_${i}$`, `  continued $g_{${i}} = \\mathrm{tr}(A_{${i}})$`);
    // Claims right and wrong: a wrong one's message quotes numbers that any declaration in the note can change.
    const claim = i % 2 ? `∂f_${i}/∂B_${i} = ${i % 4 === 1 ? '2 B_' : 'B_'}${i}` : `grad f_${i} wrt B_${i}`;
    out.push('', '```mcalc', `B_${i} : n × n`, `f_${i} = tr(B_${i}ᵀ B_${i})`, claim, '```', '');
    if (i % 5 === 4) out.push('```python', `x = "$A_{${i}}$"`, '', 'y = 1', '```', '');
  }
  return out.join('\n');
}

function program(parts: number): string {
  const out: string[] = ['n = 3'];
  for (let i = 0; i < parts; i++) {
    out.push(`A${i} : m × n`, `B${i} : n × p, ${i % 2 ? 'positive' : 'symmetric'}`, `S${i} = A${i} B${i}`, `f${i} = tr(S${i}ᵀ S${i})`);
    if (i % 3 === 0) out.push(`∂f${i}/∂A${i} = ${i % 2 ? '2 ' : ''}A${i} B${i} B${i}ᵀ`, '');
    // Statements over two lines, and lines that leave a bracket or an operator open before a statement.
    if (i % 4 === 1) out.push(`g${i} = tr(A${i} +`, `  B${i})`, `h${i} = I + S${i}`);
    if (i % 4 === 2) out.push(`k${i} = tr(A${i}`, `K${i} : n × n`, `l${i} = sum(K${i}) +`, `L${i} = K${i} I_q`, `q${i} = tr(I_q)`);
  }
  return out.join('\n');
}

/** Strings that change structure: fences, quotes, list markers, math delimiters, statement starts, continuations. */
const INSERTS = [
  'x', ' ', '\n', '\n\n', '```', '```mcalc\n', '~~~', '$', '$$', '\\', '> ', '- ', '    ', '#', '<!--', '-->', '<div>', '`',
  'A', '(', ')', ' : n', ' : m × n', '= tr(A)', 'ᵀ', ' +', ' ⊗', ' (', ',', '∂f/∂A = ', '\\in \\mathbb{R}^{n}', 'I_k', 'k = 2', '\r\n',
  'grad ', 'A, B', '\n  + B', '\nS = ', '‖', ' :',
];

interface Edit {
  readonly at: number;
  /** Move the position to the end of its line (where a dangling operator makes the statement run on). */
  readonly lineEnd: boolean;
  readonly remove: number;
  readonly insert: string;
}

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  lineEnd: fc.boolean(),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 40 })),
  insert: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 3 }), fc.constant('')),
});

function atOf(text: string, e: Edit): number {
  const at = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  return e.lineEnd ? (text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at)) : at;
}

function apply(text: string, e: Edit): string {
  const at = atOf(text, e);
  return text.slice(0, at) + e.insert + text.slice(at + e.remove);
}

/** Applies the edits one by one, comparing the incremental analysis with a fresh one after each. */
function check(start: string, languageId: LanguageId, edits: readonly Edit[]): void {
  const analyzer = new DocumentAnalyzer(languageId);
  let text = start;
  assert.deepStrictEqual(view(analyzer.update(text)), view(analyze(text, languageId)));
  for (const e of edits) {
    text = apply(text, e);
    assert.deepStrictEqual(view(analyzer.update(text)), view(analyze(text, languageId)), `after ${JSON.stringify(e)}`);
  }
}

const DOCUMENTS = [...files('test/fixtures'), ...files('examples')];

/**
 * Applies the edits one by one without reading anything but the diagnostics in between (as the editor does while
 * typing: an edit inside a few statements then leaves the rest of the analysis unmade, and the next edit is taken
 * from the same base), comparing them after each edit, and the whole analysis at the end.
 */
function checkTyping(start: string, languageId: LanguageId, edits: readonly Edit[]): void {
  const analyzer = new DocumentAnalyzer(languageId);
  // The server's texts are kept as pieces (piece-text.ts): the same edits, read as the server reads them.
  const fromPieces = new DocumentAnalyzer(languageId);
  let text = start;
  let pieces = PieceText.of(start);
  analyzer.update(text);
  fromPieces.update(pieces);
  edits.forEach((e, k) => {
    // The pieces take the edit as the editor sends it (its own range, not the least one); every third version comes
    // in the same didChange as the next, unanalysed.
    const at = atOf(text, e);
    pieces = pieces.edit(at, Math.min(text.length, at + e.remove), e.insert);
    text = apply(text, e);
    if (k % 3 === 2 && k < edits.length - 1) return;
    const expected = analyze(text, languageId).diagnostics;
    assert.deepStrictEqual(analyzer.update(text).diagnostics, expected, `after ${JSON.stringify(e)}`);
    assert.deepStrictEqual(fromPieces.update(pieces).diagnostics, expected, `pieces, after ${JSON.stringify(e)}`);
  });
  assert.deepStrictEqual(view(analyzer.update(text)), view(analyze(text, languageId)));
  assert.deepStrictEqual(view(fromPieces.update(pieces)), view(analyze(text, languageId)));
}

/** Typing: one character inserted or deleted, mostly where statements are. */
const keystroke: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  lineEnd: fc.boolean(),
  remove: fc.oneof(fc.constant(0), fc.constant(0), fc.constant(1)),
  insert: fc.oneof(fc.constantFrom('x', 'A', 'B', 'S', ' ', 'ᵀ', '+', '(', ')', '⊗', '1', ',', '\n', 'I', '_', '⁻¹'), fc.constant('')),
});

test('typing, reading only the diagnostics between keystrokes: each time those of the edited text', () => {
  fc.assert(fc.property(fc.constantFrom(...DOCUMENTS), fc.array(fc.oneof(keystroke, keystroke, edit), { minLength: 1, maxLength: 20 }), (path, edits) => {
    checkTyping(readFileSync(path, 'utf8'), languageOf(path), edits);
  }), { numRuns: 150, seed: 11 });
  fc.assert(fc.property(fc.array(keystroke, { minLength: 1, maxLength: 25 }), (edits) => checkTyping(note(12), 'markdown', edits)), { numRuns: 20, seed: 12 });
  fc.assert(fc.property(fc.array(keystroke, { minLength: 1, maxLength: 25 }), (edits) => checkTyping(program(16), 'mcalc', edits)), { numRuns: 20, seed: 13 });
});

/**
 * A .mcalc file whose names are used before and after they are declared, declared twice, used as sizes and as
 * matrices, so that typing in a name or a size (a rename, a size that comes or goes) changes what other lines mean.
 */
function namesProgram(parts: number): string {
  // k = 2 is a size fact (k is in a shape): facts read the whole file, and are never read locally.
  const out: string[] = ['k = 2', 'K : k × n'];
  for (let i = 0; i < parts; i++) {
    out.push(`g${i} = tr(B${i}) + q`, `A${i}, B${i} : n × n${i % 3 ? '' : ', symmetric'}`, `C${i} : m × q`, `S${i} = A${i} B${i} + m`);
    out.push(`f${i} = tr(S${i}ᵀ S${i}) + sum(C${i})`, `grad f${i} wrt A${i}`, i % 2 ? `A${i} : p × p` : `r${i} = p tr(A${i})`);
    if (i % 4 === 3) out.push(`∂f${i}/∂B${i} = 2 A${i}ᵀ S${i}`, `D${i} : n × p`);
  }
  return out.join('\n');
}

/** Where names start and end in a text: typing there renames a symbol or a size. */
function nameEdges(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9_]*/g)) out.push(m.index, m.index + m[0].length);
  return out;
}

test('typing in names and sizes of a .mcalc file (renames, sizes that come or go) keeps the diagnostics exact', () => {
  const keys = fc.record({ pick: fc.nat(), remove: fc.constantFrom(0, 0, 1), insert: fc.constantFrom('x', 'q', 'p', 'n', 'k', 'A', 'B1', '1', '_', ',', '') });
  for (const [start, seed] of [[namesProgram(8), 21], [program(8), 22]] as const) {
    fc.assert(fc.property(fc.array(keys, { minLength: 1, maxLength: 25 }), (picks) => {
      let text = start;
      const edits: Edit[] = picks.map(({ pick, remove, insert }) => {
        const edges = nameEdges(text);
        const at = edges.length ? edges[pick % edges.length]! : 0;
        // The fraction that atOf() turns back into `at` for this text.
        const e: Edit = { at: (at + 0.25) / (text.length + 1), lineEnd: false, remove, insert };
        text = apply(text, e);
        return e;
      });
      checkTyping(start, 'mcalc', edits);
    }), { numRuns: 60, seed });
  }
});

test('typing inside a formula that joins the scope neither before nor after: the diagnostics moved, the rest when read', () => {
  const text = 'Let $x^2 + y^2 = r^2$ and $S = \\mathrm{tr}(A^T A)$ hold.\n\n```mcalc\nA : n × m\nS = tr(Aᵀ A)\ng = A + 1\n```\n';
  for (const [from, to] of [['y^2', 'y^3 +'], ['(A^T', '(A^T A A^T']]) {
    const analyzer = new DocumentAnalyzer('markdown');
    analyzer.update(text);
    const after = text.replace(from!, to!);
    const now = analyzer.update(after);
    assert.deepStrictEqual(now.diagnostics, analyze(after, 'markdown').diagnostics);
    assert.equal(now.diagnostics.length, 1, 'g = A + 1 (E211) is still reported, after the formulas');
    assert.ok(Object.getOwnPropertyDescriptor(now, 'math')?.get, `${to}: the formulas are read again when read`);
    assert.deepStrictEqual(view(now), view(analyze(after, 'markdown')));
    // Typing it back gives the analysis of the text as it was.
    assert.deepStrictEqual(view(analyzer.update(text)), view(analyze(text, 'markdown')));
  }
});

test('typing right before a formula moves the formula: nothing is read again', () => {
  const text = 'Let $S = \\mathrm{tr}(A^T A)$ hold and so $x^2$.\n\n```mcalc\nA : n × m\nS = tr(Aᵀ A)\ng = A + 1\n```\n';
  // Before an opening `$` the formula moves; before a closing one it is edited (read again), and must be right too.
  for (const [before, moved] of [['$S', true], ['$x^2', true], ['$.', false]] as const) {
    const analyzer = new DocumentAnalyzer('markdown');
    analyzer.update(text);
    const at = text.indexOf(before);
    const after = `${text.slice(0, at)}x${text.slice(at)}`;
    const now = analyzer.update(after);
    assert.deepStrictEqual(now.diagnostics, analyze(after, 'markdown').diagnostics);
    if (moved) assert.ok(Object.getOwnPropertyDescriptor(now, 'math')?.get, `x before ${before}: the formulas are moved, not read again`);
    assert.deepStrictEqual(view(now), view(analyze(after, 'markdown')));
    assert.deepStrictEqual(view(analyzer.update(text)), view(analyze(text, 'markdown')));
  }
});

test('prose edits do not keep the first tree: a moved analysis holds its own statements, not the ones before the edits', () => {
  const text = '```mcalc\nA : n × n\nX : n × n\nf = tr(A X Xᵀ + A)\n```\n\nSome prose here.\n';
  const analyzer = new DocumentAnalyzer('markdown');
  const first = analyzer.update(text);
  let now = first;
  let t = text;
  for (let k = 0; k < 5; k++) now = analyzer.update((t = t.replace('prose', 'prose!')));
  assert.ok(Object.getOwnPropertyDescriptor(now, 'statements')?.get, 'the prose edits are moves');
  // Every node is its own span: a symbol's place in a fresh analysis is its statement node. A moved one must not keep
  // the statement of the analysis it was moved from, or a chain of moves would hold on to the first tree.
  const place = now.symbols.get('f')!.statementSpan;
  assert.ok(!first.statements.includes(place as Statement));
  assert.ok(!('kind' in place) || now.statements.includes(place as Statement));
});

test('edits found by review: a deletion then an edit after it; a block pasted again', () => {
  const F = '```';
  const cases: readonly (readonly [LanguageId, string, ...((t: string) => string)[]])[] = [
    // Offsets just after a deletion were moved as if they were inside it, once a second edit came after it.
    ['markdown', `${F}mcalc\nA : n × m\nB : p × p\n${F}\n\nSome long prose here to delete. See $C = B A$ and more.\n`,
      (t) => t.replace('Some long prose here to delete. ', ''), (t) => t.replace('and more', 'and Xmore')],
    // A block re-read with the same text as one before it was taken for it (the copy got its diagnostics).
    ['markdown', '# Note\r\n\r\n```mcalc\r\n>  : m x n\r\n```\r\n\r\nT\nS = ```mcalc\r\nB = A A\r\nC = A +\r\n',
      () => '# Note\n\n\r\n```mcalc\r\n>  : m x n\r\n```\r\n\r\nT\nS = ```mcalc\r\nB = A A\r\nC = A\n\nlc\r\n>  : m x n\r\n```\r\n\r\nT\nS = ```mcalc\r\nB = A A\r\nC = A +\r\n'],
  ];
  for (const [languageId, start, ...steps] of cases) {
    const analyzer = new DocumentAnalyzer(languageId);
    let text = start;
    analyzer.update(text);
    for (const step of steps) {
      text = step(text);
      assert.deepStrictEqual(analyzer.update(text).diagnostics, analyze(text, languageId).diagnostics);
    }
  }
});

test('an edit inside a definition is read with what depends on it; the rest of the analysis is made when read', () => {
  const text = 'A : n × n\nB : m × m\nS = A\nf = tr(S)\ng = S + A\nC : n × n\nh = tr(C)\ngrad f wrt A\n';
  const edited = text.replace('S = A', 'S = B');
  for (const [languageId, before, after] of [
    ['mcalc', text, edited], ['markdown', `# Note\n\n\`\`\`mcalc\n${text}\`\`\`\n`, `# Note\n\n\`\`\`mcalc\n${edited}\`\`\`\n`],
  ] as const) {
    const analyzer = new DocumentAnalyzer(languageId);
    analyzer.update(before);
    const now = analyzer.update(after);
    // S is m×m now: g = S + A no longer adds equal shapes (E203), and tr(S) is still a scalar.
    assert.deepStrictEqual(now.diagnostics, analyze(after, languageId).diagnostics);
    assert.deepStrictEqual(now.diagnostics.map((d) => d.code), ['E203']);
    assert.ok(Object.getOwnPropertyDescriptor(now, 'shapes')?.get, `${languageId}: the shapes are made when read`);
    assert.deepStrictEqual(view(now), view(analyze(after, languageId)));
  }
});

test('every fixture and example: random edits give the analysis of the edited text', () => {
  assert.ok(DOCUMENTS.length > 50, `${DOCUMENTS.length} documents`);
  fc.assert(fc.property(fc.constantFrom(...DOCUMENTS), fc.array(edit, { minLength: 1, maxLength: 12 }), (path, edits) => {
    check(readFileSync(path, 'utf8'), languageOf(path), edits);
  }), { numRuns: 250, seed: 20261124 });
});

test('a generated note of 30 parts: random edits give the analysis of the edited text', () => {
  const text = note(30);
  fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 15 }), (edits) => check(text, 'markdown', edits)), { numRuns: 25, seed: 5 });
});

test('a generated .mcalc file of 24 parts: random edits give the analysis of the edited text', () => {
  const text = program(24);
  fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 15 }), (edits) => check(text, 'mcalc', edits)), { numRuns: 30, seed: 6 });
});

test('typing a note character by character, and deleting it again, keeps the analysis exact', () => {
  const target = note(4);
  for (const [text, languageId] of [[target, 'markdown'], [program(4), 'mcalc']] as const) {
    const analyzer = new DocumentAnalyzer(languageId);
    for (let k = 0; k <= text.length; k += 7) {
      const prefix = text.slice(0, k);
      assert.deepStrictEqual(view(analyzer.update(prefix)), view(analyze(prefix, languageId)), `${languageId} at ${k}`);
    }
    for (let k = text.length; k >= 0; k -= 11) {
      const rest = text.slice(k);
      assert.deepStrictEqual(view(analyzer.update(rest)), view(analyze(rest, languageId)), `${languageId} from ${k}`);
    }
  }
});

/** Edits that random ones rarely make, each of which changes what a statement not touched by it means. */
const SCENARIOS: readonly {
  readonly name: string; readonly languageId: LanguageId; readonly text: string; readonly from: string; readonly to: string;
  /** Whether the edit is read locally, both ways (local-edit.ts). */
  readonly local?: boolean;
}[] = [
  {
    name: 'a line that stops starting a statement joins the open bracket above it',
    languageId: 'mcalc', text: 'A : n × n\nk = tr(A\nK : n × n\nf = tr(K)\n', from: 'K : n', to: 'K n',
  },
  {
    name: 'a line that starts a statement again ends the dangling operator above it',
    languageId: 'mcalc', text: 'A : n × n\nk = A +\nK n × n\nf = tr(A)\n', from: 'K n', to: 'K : n',
  },
  {
    name: 'a size brought in by I_q is no longer there for a later line',
    languageId: 'mcalc', text: 'A : n × n\nL = A I_q\nB : n × n\nr = q tr(B)\n', from: 'L = A I_q', to: 'L = A',
  },
  {
    name: 'a claim\'s variable changes shape: its value must have the new one',
    languageId: 'mcalc', text: 'A : n × n\nB : m × p\nC : n × n\nf = tr(A)\n∂f/∂A = I\n', from: 'A : n × n', to: 'A : m × p',
  },
  {
    name: 'a declaration far above a wrong claim changes its numbers',
    languageId: 'mcalc', text: 'Z : n × n\nB : n × n\nf = tr(Bᵀ B)\n∂f/∂B = B\n', from: 'Z : n × n', to: 'Z : n × n, spd',
  },
  {
    name: 'a fence opened above swallows the blocks below',
    languageId: 'markdown', text: 'Text\n\n```mcalc\nA : n × n\n```\n\n```mcalc\nf = tr(A)\n```\n', from: 'Text', to: '```\nText',
  },
  {
    name: 'an HTML comment opened above hides the math below until it closes',
    languageId: 'markdown', text: 'A: $A \\in \\mathbb{R}^{m \\times n}$\n\nx\n\n$f = \\mathrm{tr}(A A)$\n\n-->\n\n$g = A$\n', from: 'x', to: '<!--',
  },
  // Statements after the edit read again (incremental/local-edit.ts), each once broken in the way its name says.
  {
    name: 'a math where-statement written before the block but read after the edited line keeps its place',
    languageId: 'markdown', text: 'Let $g = D$ be it.\n\n```mcalc\nA : n × n\nC = A\nD = A\ngrad g wrt C\n```\n', from: 'C = A', to: 'C = A + A',
  },
  {
    name: 'a statement read again in a quoted block is read without its quote markers',
    languageId: 'markdown', text: '```mcalc\nA : n × n\ny : vector m\nC = A\n```\n\n> ```mcalc\n> D = (C +\n>   C) y\n> ```\n', from: 'C = A\n', to: 'C = A + A\n',
  },
  {
    name: 'a statement read again that runs up to the next one leaves that one its diagnostics',
    languageId: 'mcalc', text: 'A : n × n\nB = A\nC = B +\nC = A\n', from: 'B = A', to: 'B = Aᵀ',
  },
  // Typing in a name or a size of a .mcalc file: read locally (local-edit.ts), with what writes the name.
  {
    name: 'a declaration renamed: its readers no longer find it, and a later declaration of the new name is one too many',
    languageId: 'mcalc', local: true, text: 'A : n × n\nS = A A\nf = tr(S)\nB : m × m\ng = tr(B)\n', from: 'A : n × n', to: 'B : n × n',
  },
  {
    name: 'a declaration renamed away from a name declared twice leaves the second one declaring it',
    languageId: 'mcalc', local: true, text: 'A : n × n\nf = tr(A)\nA : m × m\ng = tr(A A)\n', from: 'A : n × n', to: 'Z : n × n',
  },
  {
    name: 'a size that comes makes a matrix of that name one too many, before the edit too',
    languageId: 'mcalc', local: true, text: 'B : n × n\nt : n × n\nK : m × m\nf = tr(K) + tr(t)\n', from: 'K : m × m', to: 'K : t × m',
  },
  {
    name: 'a size that goes makes its uses as a number unknown names, before the edit too',
    languageId: 'mcalc', local: true, text: 'r = q\nB : n × n\nC : q × n\nf = q tr(B)\n', from: 'C : q × n', to: 'C : n × n',
  },
  {
    name: 'blocks nested to markdown-it\'s limit: it reads nothing after them, until they nest less',
    languageId: 'markdown', text: `${'- '.repeat(10)}deep\n\nSome prose.\n\n\`\`\`mcalc\nA : n × n\nB : m × m\nS = A B\n\`\`\`\n`, from: `${'- '.repeat(10)}deep`, to: `${'- '.repeat(4)}deep`,
  },
  // Found by review: a size fact reads every name of the file (is it a matrix? else it is a size).
  {
    name: 'a matrix renamed that a size fact reads: the fact reads the name as a size now',
    languageId: 'mcalc', text: 'S : n × q\nn = S\n', from: 'S :', to: 'S₁ :',
  },
  {
    name: 'a matrix declared after a size fact that reads its name: the fact reads it as a matrix',
    languageId: 'mcalc', text: 'n = A\nB : n × n\nZ : 2 × 2\n', from: 'Z :', to: 'A :',
  },
];

for (const c of SCENARIOS) {
  test(`scenario: ${c.name}`, () => {
    assert.ok(c.text.includes(c.from));
    const edited = c.text.replace(c.from, c.to);
    for (const [before, after] of [[c.text, edited], [edited, c.text]]) {
      const analyzer = new DocumentAnalyzer(c.languageId);
      analyzer.update(before!);
      const now = analyzer.update(after!);
      assert.deepStrictEqual(now.diagnostics, analyze(after!, c.languageId).diagnostics);
      if (c.local) assert.ok(Object.getOwnPropertyDescriptor(now, 'shapes')?.get, 'read locally: the shapes are made when read');
      assert.deepStrictEqual(view(now), view(analyze(after!, c.languageId)));
    }
    // The edit changes the analysis (else the scenario would test nothing).
    assert.notDeepStrictEqual(analyze(edited, c.languageId).diagnostics, analyze(c.text, c.languageId).diagnostics);
  });
}

test('an update with the same text gives the same analysis object', () => {
  const analyzer = new DocumentAnalyzer('markdown');
  const text = note(2);
  assert.equal(analyzer.update(text), analyzer.update(`${text}`));
});

test('text changes: the one changed range, moved offsets and line starts', () => {
  assert.equal(diffText('abc', 'abc'), undefined);
  assert.deepEqual(diffText('abcdef', 'abXYef'), { start: 2, oldEnd: 4, newEnd: 4 });
  assert.deepEqual(diffText('aaaa', 'aaaaa'), { start: 4, oldEnd: 4, newEnd: 5 });
  assert.deepEqual(diffText('x'.repeat(10_000), `${'x'.repeat(5000)}y${'x'.repeat(5000)}`), { start: 5000, oldEnd: 5000, newEnd: 5001 });
  const c = { start: 3, oldEnd: 5, newEnd: 9 };
  assert.deepEqual([0, 3, 4, 5, 8].map((o) => mapOffset(c, o)), [0, 3, undefined, 9, 12]);
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', '\n', 'b') }), fc.string({ unit: fc.constantFrom('a', '\n', 'b') }), (a, b) => {
    const change = diffText(a, b);
    if (!change) return assert.equal(a, b);
    assert.equal(a.slice(0, change.start) + b.slice(change.start, change.newEnd) + a.slice(change.oldEnd), b);
    assert.deepEqual(updateLineStarts(lineStarts(a), b, change), lineStarts(b));
  }), { numRuns: 500, seed: 3 });
  // Two changes one after the other, as one: the text outside the range is the first text's, inside the last's.
  const text = fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 12 });
  fc.assert(fc.property(text, text, text, (a, b, c) => {
    const first = diffText(a, b);
    const second = diffText(b, c);
    if (!first || !second) return;
    const both = composeChanges(first, second);
    assert.equal(a.slice(0, both.start) + c.slice(both.start, both.newEnd) + a.slice(both.oldEnd), c);
    assert.ok(both.start <= both.oldEnd && both.oldEnd <= a.length && both.newEnd - both.start === c.length - a.length + both.oldEnd - both.start);
  }), { numRuns: 500, seed: 4 });
});
