// A Markdown note written purely in LaTeX math, over JSON-RPC (issue #9, "Done when"): the seed question's own
// notation — declarations with \in \mathbb{R}^{…}, `$f=\mathbf{Tr} (S^T L S)$, where $S=(B\bigotimes A)H$` — gets
// shape diagnostics when a size is wrong, shapes on hover, and "Derive ∂f/∂A" inserting a LaTeX gradient that checks
// clean. Also: mcalc.applyDerive's formats, rename keeping \mathbf, semantic tokens and inlay hints in math.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ResponseError } from 'vscode-jsonrpc';
import type {
  CodeAction, Hover, InlayHint, MarkupContent, SemanticTokens, TextDocumentEdit, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import type { ApplyDeriveResult } from '../../server/src/protocol';
import { TestClient } from './client';

const SEED = 'file:///test/seed.md';
const WRONG = 'file:///test/seed-wrong-size.md';
const BOLD = 'file:///test/bold-names.md';
const td = (uri: string) => ({ textDocument: { uri } });

describe('a note in LaTeX math only: the seed question', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
    await client.openFile('test/fixtures/latex/seed.md', SEED);
  });
  after(async () => { await client.stop(); });

  const hover = async (uri: string, needle: string, delta = 0): Promise<string> => {
    const h = await client.request<Hover | null>('textDocument/hover', { ...td(uri), position: client.at(uri, needle, delta) });
    assert.ok(h, `a hover at ${needle}`);
    return (h.contents as MarkupContent).value;
  };

  async function deriveActions(uri: string, needle: string): Promise<CodeAction[]> {
    const at = client.at(uri, needle);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      ...td(uri), range: { start: at, end: at }, context: { diagnostics: [] },
    });
    return actions.filter((a) => a.kind === 'refactor.rewrite.mcalc.derive');
  }

  test('it checks clean', async () => {
    assert.deepEqual((await client.diagnostics(SEED, 1)).diagnostics, []);
  });

  test('shapes on hover: S, f (stated before the S it uses), and a Kronecker product', async () => {
    assert.match(await hover(SEED, 'S=(B'), /S = \(B ⊗ A\) H {4}# \(p·m\)×k/);
    assert.match(await hover(SEED, 'f='), /f = tr\(Sᵀ L S\) {4}# scalar/);
    assert.match(await hover(SEED, '\\bigotimes', 2), /^`B ⊗ A` : \(p·m\)×\(q·n\)/);
    assert.match(await hover(SEED, 'H \\in'), /H : \(q·n\)×k/);
  });

  test('inlay hints and semantic tokens inside the math', async () => {
    const doc = client.doc(SEED);
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', {
      ...td(SEED), range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) },
    });
    assert.deepEqual(hints.map((h) => String(h.label)), [' : scalar', ' : (p·m)×k']);
    const legend = client.initializeResult.capabilities.semanticTokensProvider!.legend;
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', td(SEED));
    const found: string[] = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      const [dl, dc, len, type] = tokens.data.slice(i, i + 4) as [number, number, number, number];
      line += dl;
      char = dl ? dc : char + dc;
      const text = doc.getText({ start: { line, character: char }, end: { line, character: char + len } });
      found.push(`${text}:${legend.tokenTypes[type]}`);
    }
    for (const t of ['\\mathbf{Tr}:function', 'S:matrix', 'f:scalar', 'm:size', '\\mathbb{R}:keyword']) assert.ok(found.includes(t), `${t} in ${found.join(' ')}`);
  });

  test('"Derive ∂f/∂A" inserts $$\\frac{\\partial f}{\\partial A} = …$$ after the paragraph, and it checks clean', async () => {
    const actions = await deriveActions(SEED, 'f=');
    assert.deepEqual(actions.map((a) => a.title), ['Derive ∂f/∂A', 'Derive ∂f/∂B', 'Derive ∂f/∂H', 'Derive ∂f/∂L']);
    const a = actions[0]!;
    const e = (a.edit!.documentChanges![0] as TextDocumentEdit).edits[0] as TextEdit;
    assert.deepEqual(e.range.start, e.range.end, 'an insertion, never a replacement');
    const before = client.text(SEED);
    assert.deepEqual(await client.applyEdit(a.edit!), { applied: true });
    const added = client.text(SEED).slice(before.length);
    assert.equal(client.text(SEED).slice(0, before.length), before);
    assert.match(added, /^\n\$\$\\frac\{\\partial f\}\{\\partial A\} = \\operatorname\{tr\}_\{1\}\\left\(\\left\(B\^\{\\top\} \\otimes I_\{m\}\\right\) \\left\(L \+ L\^\{\\top\}\\right\) S H\^\{\\top\},\\, q\\right\)\$\$\n$/);
    assert.deepEqual((await client.diagnostics(SEED, 2)).diagnostics, [], 'the inserted LaTeX is read back and passes the numeric check');
    // It is checked: the same claim without the L + Lᵀ is wrong, and the numbers say so.
    const wrong = added.replace('\\left(L + L^{\\top}\\right)', 'L');
    await client.replace(SEED, before + wrong);
    const d = (await client.diagnostics(SEED, 3)).diagnostics;
    assert.deepEqual(d.map((x) => x.code), ['W401']);
    assert.match(d[0]!.message, /^∂f\/∂A = tr₁\(\(Bᵀ ⊗ I_m\) L S Hᵀ, q\) disagrees with the numbers/);
    await client.replace(SEED, before);
  });

  test('mcalc.applyDerive: LaTeX, NumPy and mcalc (a fenced block) after the paragraph', async () => {
    const base = client.text(SEED);
    const version = client.doc(SEED).version;
    const run = (format: string | undefined, wrt: string, v: number): Promise<ApplyDeriveResult> => client.request('workspace/executeCommand', {
      command: 'mcalc.applyDerive',
      arguments: [{ uri: SEED, version: v, of: 'f', wrt, position: client.at(SEED, 'f='), ...(format ? { format } : {}) }],
    });
    const latex = await run('latex', 'B', version);
    assert.equal(latex.applied, true);
    assert.match(latex.inserted ?? '', /^\$\$\\frac\{\\partial f\}\{\\partial B\} = \\operatorname\{tr\}_\{2\}/);
    assert.deepEqual((await client.diagnostics(SEED, version + 1)).diagnostics, []);
    const numpy = await run('numpy', 'B', version + 1);
    assert.equal(numpy.applied, true);
    assert.match(numpy.inserted ?? '', /^```python\nimport numpy as np\n[\s\S]*def grad_f_wrt_B\(A, B, H, L\):[\s\S]*\n```$/);
    const mcalc = await run(undefined, 'H', version + 2);
    assert.equal(mcalc.applied, true);
    assert.match(mcalc.inserted ?? '', /^```mcalc\n∂f\/∂H = .*\n```$/);
    assert.deepEqual((await client.diagnostics(SEED, version + 3)).diagnostics, []);
    // Each went after the formula's paragraph, in the order they were asked for, the note untouched.
    const text = client.text(SEED);
    assert.ok(text.startsWith(base));
    const order = ['$$\\frac{\\partial f}{\\partial B}', '```python', '```mcalc'].map((m) => text.indexOf(m));
    assert.ok(order.every((o) => o > base.length), JSON.stringify(order));
    await client.replace(SEED, base);
  });

  test('a stale version is refused; a bad format is an invalid-params error', async () => {
    const version = client.doc(SEED).version;
    await assert.rejects(
      client.request('workspace/executeCommand', { command: 'mcalc.applyDerive', arguments: [{ uri: SEED, version: version - 1, of: 'f', wrt: 'A', format: 'latex' }] }),
      (e: unknown) => e instanceof ResponseError && e.code === -32801,
    );
    await assert.rejects(
      client.request('workspace/executeCommand', { command: 'mcalc.applyDerive', arguments: [{ uri: SEED, version, of: 'f', wrt: 'A', format: 'html' }] }),
      (e: unknown) => e instanceof ResponseError && e.code === -32602,
    );
  });

  test('a .mcalc file takes mcalc only: LaTeX and NumPy are answered, not applied', async () => {
    const uri = 'file:///test/kronecker-trace.mcalc';
    await client.openFile('examples/kronecker-trace.mcalc', uri);
    const edits = client.editRequests.length;
    for (const format of ['latex', 'numpy']) {
      const r = await client.request<ApplyDeriveResult>('workspace/executeCommand', {
        command: 'mcalc.applyDerive', arguments: [{ uri, version: 1, of: 'f', wrt: 'A', format }],
      });
      assert.equal(r.applied, false);
      assert.match(r.failureReason ?? '', /\.mcalc file holds mcalc only/);
    }
    assert.equal(client.editRequests.length, edits, 'no workspace/applyEdit was sent');
  });

  test('a wrong size: E201 on the exact range inside the $…$, the math quoted in mcalc', async () => {
    await client.openFile('test/fixtures/latex/seed-wrong-size.md', WRONG);
    const [d, ...rest] = (await client.diagnostics(WRONG, 1)).diagnostics;
    assert.deepEqual(rest, []);
    assert.equal(d?.code, 'E201');
    assert.equal(client.doc(WRONG).getText(d.range), '(B\\bigotimes A)H');
    assert.equal(d.message, 'matrix product: B ⊗ A is (p·m)×(q·n) (B is p×q, A is m×n), so H needs q·n rows, but H is (p·n)×k');
    // f, which uses S, has no shape to show, and nothing to derive until S is right.
    assert.match(await hover(WRONG, 'f='), /shape unknown/);
    assert.deepEqual(await deriveActions(WRONG, 'f='), []);
  });
});

describe('rename in LaTeX math keeps \\mathbf', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ resolveCodeActions: true });
    await client.openFile('test/fixtures/latex/bold-names.md', BOLD);
    await client.diagnostics(BOLD, 1);
  });
  after(async () => { await client.stop(); });

  test('\\mathbf{A} → \\mathbf{M} everywhere; the note still checks clean', async () => {
    const before = client.text(BOLD);
    const position = client.at(BOLD, '\\mathbf{A}', 8);
    const prepared = await client.request<{ placeholder: string } | null>('textDocument/prepareRename', { ...td(BOLD), position });
    assert.equal(prepared?.placeholder, 'A');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...td(BOLD), position, newName: 'M' });
    await client.applyEdit(edit);
    assert.equal(client.text(BOLD), before.replaceAll('\\mathbf{A}', '\\mathbf{M}'));
    assert.deepEqual((await client.diagnostics(BOLD, 2)).diagnostics, []);
  });

  test('the derive action, resolved, writes the claim in the note\'s bold', async () => {
    const at = client.at(BOLD, 'f = ');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      ...td(BOLD), range: { start: at, end: at }, context: { diagnostics: [] },
    });
    const x = actions.find((a) => a.title === 'Derive ∂f/∂x');
    assert.ok(x && x.edit === undefined, actions.map((a) => a.title).join(', '));
    const resolved = await client.request<CodeAction>('codeAction/resolve', x);
    await client.applyEdit(resolved.edit!);
    assert.ok(client.text(BOLD).includes('\n\n  $$\\frac{\\partial f}{\\partial \\mathbf{x}} = 2 \\mathbf{M}^{\\top} \\mathbf{r}$$\n\n- Another item.'));
    assert.deepEqual((await client.diagnostics(BOLD, 3)).diagnostics, []);
  });
});
