// Every query at every offset of every fixture and example (LF and CRLF), and of random token soup: no throw, spans in the text.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyze, type Analysis, type LanguageId, type Span } from '../../server/src/core';
import {
  completionsAt, definitionAt, deriveTargetsAt, documentSymbols, foldingRanges, hoverAt, inlayHints, prepareRenameAt,
  referencesAt, renameAt, semanticTokens, signatureHelpAt,
} from '../../server/src/core/queries';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  }).filter((p) => /\.(mcalc|md)$/.test(p)).sort();
}

/** Asserts a span lies within the text. */
function inside(text: string, s: Span, what: string): void {
  assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= text.length,
    `${what}: span ${JSON.stringify(s)} outside a text of ${text.length}`);
}

/** The document-wide queries. */
function wholeDocument(a: Analysis, where: string): void {
  const t = a.text;
  for (const h of inlayHints(a)) assert.ok(h.offset >= 0 && h.offset <= t.length, `${where} inlay`);
  for (const d of documentSymbols(a)) {
    inside(t, d.span, `${where} symbol`);
    inside(t, d.selectionSpan, `${where} selection`);
    assert.ok(d.span.start <= d.selectionSpan.start && d.selectionSpan.end <= d.span.end, `${where} selection within span`);
  }
  const tokens = semanticTokens(a);
  tokens.forEach((k, i) => {
    inside(t, k.span, `${where} token`);
    assert.ok(!/[\r\n]/.test(t.slice(k.span.start, k.span.end)), `${where} token on one line`);
    if (i > 0) assert.ok(tokens[i - 1]!.span.end <= k.span.start, `${where} tokens sorted and apart`);
  });
  for (const r of foldingRanges(a)) inside(t, r, `${where} folding`);
}

/** The queries at one offset (hover without derivations: those are exercised once per statement below). */
function atOffset(a: Analysis, o: number, where: string): void {
  const t = a.text;
  const h = hoverAt(a, o, { gradients: false });
  if (h) inside(t, h.span, `${where} hover`);
  const d = definitionAt(a, o);
  if (d) {
    inside(t, d.span, `${where} definition`);
    inside(t, d.nameSpan, `${where} definition name`);
  }
  for (const r of referencesAt(a, o, true)) inside(t, r, `${where} reference`);
  const p = prepareRenameAt(a, o);
  if (p) inside(t, p.span, `${where} prepareRename`);
  const r = renameAt(a, o, 'Zz');
  if ('edits' in r) for (const e of r.edits) inside(t, e.span, `${where} rename`);
  for (const c of completionsAt(a, o)) if (c.replaceSpan) inside(t, c.replaceSpan, `${where} completion`);
  const s = signatureHelpAt(a, o);
  if (s) assert.ok(s.activeParameter >= 0, `${where} signature`);
  const dt = deriveTargetsAt(a, o);
  if (dt) {
    inside(t, dt.statementSpan, `${where} derive target`);
    assert.ok(dt.insertOffset >= dt.statementSpan.end && dt.insertOffset <= t.length, `${where} insert offset`);
  }
}

/** Every query at every offset, and a full hover (derivations, checks) on each statement. */
function everything(text: string, languageId: LanguageId, where: string): void {
  const a = analyze(text, languageId);
  wholeDocument(a, where);
  for (let o = -1; o <= text.length + 1; o++) atOffset(a, o, `${where}@${o}`);
  for (const s of a.statements) {
    const h = hoverAt(a, s.start, { seed: 3 });
    if (h) inside(text, h.span, `${where} hover with gradients`);
  }
}

describe('queries never throw', () => {
  const all = [...files('test/fixtures'), ...files('examples')];

  test('there are fixtures to try', () => assert.ok(all.length > 50));

  for (const file of all) {
    test(file, () => {
      const text = readFileSync(file, 'utf8');
      const languageId: LanguageId = file.endsWith('.md') ? 'markdown' : 'mcalc';
      everything(text, languageId, file);
      everything(text.replace(/\r?\n/g, '\r\n'), languageId, `${file} (CRLF)`);
    });
  }

  test('random token soup', () => {
    const piece = fc.constantFrom(
      'A', 'B', 'x', 'f', 'n', 'm', ' ', ' ', '\n', '\r\n', ':', '=', ',', '(', ')', '⟨', '⟩', '‖', '+', '-', '*', '·', '⊗', '⊙',
      'ᵀ', "'", '⁻¹', '^2', '.^', '/', '∂', 'd', 'grad', 'wrt', 'tr', 'kron', 'tr₁', 'unvec', 'ones', 'I', 'I_n', 'I(',
      'x', 'by', 'vector', 'scalar', 'ℝ^', 'symmetric', '#', '\\', '\\oti', '3', '0', '```mcalc\n', '```\n', '> ', '`',
    );
    const doc = fc.tuple(fc.array(piece, { maxLength: 40 }), fc.constantFrom<LanguageId>('mcalc', 'markdown'));
    fc.assert(fc.property(doc, ([pieces, languageId]) => {
      const text = (languageId === 'markdown' ? '```mcalc\n' : '') + pieces.join('');
      const a = analyze(text, languageId, { checkClaims: false });
      wholeDocument(a, JSON.stringify(text));
      for (let o = 0; o <= text.length; o++) atOffset(a, o, `${JSON.stringify(text)}@${o}`);
    }), { numRuns: 300, seed: 7 });
  });
});
