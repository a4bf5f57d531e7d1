// Editor features over JSON-RPC: hover, inlay hints, navigation, rename across Markdown blocks, completion,
// signature help, symbols, semantic tokens, folding, and the "Derive ∂f/∂X" code action applied and re-checked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  CodeAction, CompletionItem, DocumentSymbol, FoldingRange, Hover, InlayHint, Location, MarkupContent, SemanticTokens,
  SignatureHelp, TextDocumentEdit, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TestClient } from './client';

const KRON = 'file:///test/kronecker-trace.mcalc';
const NOTES = 'file:///test/derivation-notes.md';

describe('editor features', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
    await client.openFile('examples/kronecker-trace.mcalc', KRON);
    await client.openFile('examples/derivation-notes.md', NOTES);
    await client.diagnostics(KRON);
    await client.diagnostics(NOTES);
  });
  after(async () => { await client.stop(); });

  const td = (uri: string) => ({ textDocument: { uri } });

  test('hover shows the inferred shape, with the hovered range', async () => {
    const h = await client.request<Hover | null>('textDocument/hover', { ...td(KRON), position: client.at(KRON, 'S = (B', 0, 1) });
    assert.ok(h, 'a hover on S');
    assert.match((h.contents as MarkupContent).value, /\(p·m\)×k/);
    assert.ok(h.range);
  });

  test('inlay hints give each definition its shape', async () => {
    const doc = client.doc(KRON);
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', {
      ...td(KRON), range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) },
    });
    const labels = hints.map((h) => `${h.position.line}:${String(h.label)}`);
    assert.ok(labels.some((l) => l.startsWith('6:') && l.includes('(p·m)×k')), labels.join(', '));
  });

  test('go to definition and find references', async () => {
    const def = await client.request<Location | null>('textDocument/definition', { ...td(KRON), position: client.at(KRON, 'S)', 0, 1) });
    assert.ok(def);
    assert.equal(def.uri, KRON);
    assert.deepEqual(def.range.start, client.at(KRON, 'S = (B', 0, 1));
    const refs = await client.request<Location[]>('textDocument/references', {
      ...td(KRON), position: client.at(KRON, 'A : m'), context: { includeDeclaration: true },
    });
    assert.deepEqual(refs.map((r) => r.range.start.line).sort(), [1, 6, 9]);
  });

  test('rename across Markdown blocks leaves the prose alone', async () => {
    const position = client.at(NOTES, 'L : (p');
    const prepared = await client.request<{ placeholder: string } | null>('textDocument/prepareRename', { ...td(NOTES), position });
    assert.equal(prepared?.placeholder, 'L');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...td(NOTES), position, newName: 'K' });
    const change = edit.documentChanges![0] as TextDocumentEdit;
    assert.equal(change.textDocument.version, client.doc(NOTES).version);
    const lines = change.edits.map((e) => (e as TextEdit).range.start.line);
    assert.equal(new Set(lines).size, 3, `three blocks' lines: ${lines.join(', ')}`);
    await client.applyEdit(edit);
    const text = client.text(NOTES);
    assert.match(text, /K : \(p·m\) × \(p·m\)/);
    assert.match(text, /G = \(K \+ Kᵀ\) S Hᵀ/);
    assert.match(text, /\$df = \(L \+ L\^T\) S : dS\$/, 'the prose is not mcalc');
    assert.deepEqual((await client.diagnostics(NOTES)).diagnostics, []);
  });

  test('completion turns \\otimes into ⊗', async () => {
    const uri = 'file:///test/complete.mcalc';
    await client.open(uri, 'mcalc', 'A : m x n\nB : p x q\nK = A \\ot');
    const end = client.at(uri, '\\ot', 3);
    const items = await client.request<CompletionItem[]>('textDocument/completion', {
      ...td(uri), position: end, context: { triggerKind: 1 },
    });
    const otimes = items.find((i) => (i.textEdit as TextEdit | undefined)?.newText === '⊗' || i.insertText === '⊗');
    assert.ok(otimes, items.map((i) => i.label).join(', '));
    const edit = (otimes.textEdit as TextEdit | undefined) ?? { range: { start: end, end }, newText: otimes.insertText! };
    await client.edit(uri, [edit]);
    assert.equal(client.text(uri), 'A : m x n\nB : p x q\nK = A ⊗');
    assert.deepEqual(client.initializeResult.capabilities.completionProvider?.triggerCharacters, ['\\', '(', ',']);
  });

  test('signature help inside a call', async () => {
    const uri = 'file:///test/signature.mcalc';
    await client.open(uri, 'mcalc', 'A : n x n\nf = tr(A');
    const help = await client.request<SignatureHelp | null>('textDocument/signatureHelp', { ...td(uri), position: client.at(uri, 'tr(A', 4) });
    assert.ok(help);
    assert.match(help.signatures[0]!.label, /tr/);
    assert.equal(help.activeParameter, 0);
  });

  test('document symbols: declarations, definitions, the grad line', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', td(KRON));
    const names = symbols.map((s) => s.name);
    for (const n of ['A', 'B', 'H', 'L', 'S', 'f']) assert.ok(names.includes(n), names.join(', '));
  });

  test('semantic tokens use the advertised legend', async () => {
    const legend = client.initializeResult.capabilities.semanticTokensProvider!.legend;
    assert.deepEqual(legend.tokenTypes, ['matrix', 'vector', 'scalar', 'size', 'function', 'property', 'keyword']);
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', td(KRON));
    assert.ok(tokens.data.length > 0 && tokens.data.length % 5 === 0);
    // The first token is the A of `A : m × n` on line 1: a matrix, declared.
    const [line, char, length, type, modifiers] = tokens.data;
    assert.deepEqual([line, char, length, legend.tokenTypes[type!], modifiers], [1, 0, 1, 'matrix', 1]);
  });

  test('folding ranges: the mcalc blocks of a note', async () => {
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', td(NOTES));
    assert.ok(ranges.length >= 2, JSON.stringify(ranges));
  });
});

describe('"Derive ∂f/∂X" code actions', () => {
  let client: TestClient;
  before(async () => { client = await TestClient.start(); });
  after(async () => { await client.stop(); });

  async function deriveActions(uri: string, needle: string): Promise<CodeAction[]> {
    const at = client.at(uri, needle);
    return client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] },
    });
  }

  test('on a scalar definition: one action per variable; applied, the claim it inserts checks clean', async () => {
    await client.openFile('examples/kronecker-trace.mcalc', KRON);
    await client.diagnostics(KRON);
    const actions = await deriveActions(KRON, 'f = tr');
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Derive ∂f/∂A') && titles.includes('Derive ∂f/∂B'), titles.join(', '));
    const a = actions.find((x) => x.title === 'Derive ∂f/∂A')!;
    assert.equal(a.kind, 'refactor.rewrite.mcalc.derive');
    assert.deepEqual(a.command, { title: 'Show ∂f/∂A', command: 'mcalc.showGradient', arguments: [{ uri: KRON, of: 'f', wrt: 'A' }] });
    const change = a.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri: KRON, version: 1 });
    const e = change.edits[0] as TextEdit;
    assert.deepEqual(e.range.start, e.range.end, 'an insertion, never a replacement');
    assert.deepEqual(await client.applyEdit(a.edit!), { applied: true });
    const lines = client.text(KRON).split('\n');
    const at = lines.indexOf('f = tr(Sᵀ L S)         # scalar');
    assert.equal(lines[at + 1], '∂f/∂A = tr₁((Bᵀ ⊗ I_m) (L + Lᵀ) S Hᵀ, q)');
    assert.deepEqual((await client.diagnostics(KRON, 2)).diagnostics, [], 'the inserted claim passes the numeric check');
  });

  test('in Markdown the claim goes inside the block', async () => {
    await client.openFile('examples/derivation-notes.md', NOTES);
    await client.diagnostics(NOTES);
    const actions = await deriveActions(NOTES, 'f = tr');
    const a = actions.find((x) => x.title === 'Derive ∂f/∂B');
    assert.ok(a, actions.map((x) => x.title).join(', '));
    await client.applyEdit(a.edit!);
    const lines = client.text(NOTES).split('\n');
    const at = lines.indexOf('f = tr(Sᵀ L S)');
    assert.match(lines[at + 1]!, /^∂f\/∂B = /);
    assert.equal(lines[at + 2], '```');
    assert.deepEqual((await client.diagnostics(NOTES, 2)).diagnostics, []);
  });

  test('a stale derive action is refused by the client', async () => {
    const actions = await deriveActions(KRON, 'f = tr');
    const b = actions.find((x) => x.title === 'Derive ∂f/∂B')!;
    await client.edit(KRON, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# edited\n' }]);
    const r = await client.applyEdit(b.edit!);
    assert.equal(r.applied, false);
  });

  test('no derive action where there is nothing to derive', async () => {
    const actions = await deriveActions(KRON, 'H : (q');
    assert.deepEqual(actions.filter((a) => a.kind === 'refactor.rewrite.mcalc.derive'), []);
  });
});

describe('"Derive ∂f/∂X" with codeAction/resolve', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ resolveCodeActions: true });
    await client.openFile('examples/kronecker-trace.mcalc', KRON);
    await client.diagnostics(KRON);
  });
  after(async () => { await client.stop(); });

  test('the actions come without edits, and resolve derives the chosen one', async () => {
    assert.equal((client.initializeResult.capabilities.codeActionProvider as { resolveProvider?: boolean }).resolveProvider, true);
    const at = client.at(KRON, 'grad f');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: KRON }, range: { start: at, end: at }, context: { diagnostics: [] },
    });
    assert.deepEqual(actions.map((a) => a.title), ['Derive ∂f/∂A', 'Derive ∂f/∂B']);
    assert.ok(actions.every((a) => a.edit === undefined && a.data !== undefined));
    const resolved = await client.request<CodeAction>('codeAction/resolve', actions[1]);
    assert.ok(resolved.edit, 'resolved with an edit');
    await client.applyEdit(resolved.edit);
    const lines = client.text(KRON).split('\n');
    assert.match(lines[lines.indexOf('grad f wrt A, B') + 1]!, /^∂f\/∂B = tr₂\(/);
    assert.deepEqual((await client.diagnostics(KRON, 2)).diagnostics, []);
    // Resolving an action offered on version 1 now gives no edit: it is stale.
    const stale = await client.request<CodeAction>('codeAction/resolve', actions[0]);
    assert.equal(stale.edit, undefined);
  });
});
