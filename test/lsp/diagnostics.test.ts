// The language server over stdio: diagnostics pushed on open/change (debounced, version-aware), and their quick fixes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { TestClient } from './client';

const BROKEN_H = (t: string) => t.replace('H : (q·n) × k', 'H : (p·n) × k');

describe('diagnostics over JSON-RPC', () => {
  let client: TestClient;
  before(async () => { client = await TestClient.start(); });
  after(async () => { await client.stop(); });

  test('a clean .mcalc file publishes no diagnostics, with its version', async () => {
    const doc = await client.openFile('examples/kronecker-trace.mcalc');
    const p = await client.diagnostics(doc.uri);
    assert.equal(p.version, 1);
    assert.deepEqual(p.diagnostics, []);
  });

  test('a shape error: code, severity, range, source and related information in the same document', async () => {
    const doc = await client.openFile('examples/kronecker-trace.mcalc', 'file:///test/broken.mcalc', BROKEN_H);
    const { diagnostics } = await client.diagnostics(doc.uri);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    const d = diagnostics[0]!;
    assert.equal(d.code, 'E201');
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'mcalc');
    assert.match(d.message, /H needs q·n rows, but H is \(p·n\)×k/);
    const line = doc.getText().split('\n')[d.range.start.line]!;
    assert.equal(line, 'S = (B ⊗ A) H          # (p·m) × k');
    assert.ok(d.relatedInformation?.length, 'links to the declarations involved');
    for (const r of d.relatedInformation!) assert.equal(r.location.uri, doc.uri);
  });

  test('Markdown: only mcalc blocks are read, and positions are the note\'s own', async () => {
    const notes = await client.openFile('examples/derivation-notes.md');
    assert.deepEqual((await client.diagnostics(notes.uri)).diagnostics, []);
    const broken = await client.openFile('examples/derivation-notes.md', 'file:///test/broken-notes.md', (t) => t.replace('S = (B ⊗ A) H', 'S = (B ⊗ A) L'));
    const { diagnostics } = await client.diagnostics(broken.uri);
    assert.deepEqual(diagnostics.map((d) => d.code), ['E201']);
    const d = diagnostics[0]!;
    assert.equal(broken.getText().split('\n')[d.range.start.line], 'S = (B ⊗ A) L');
    assert.match(broken.getText().slice(broken.offsetAt(d.range.start), broken.offsetAt(d.range.end)), /^\(B ⊗ A\) L$/);
  });

  test('a change is re-analysed and published for the new version', async () => {
    const uri = 'file:///test/broken.mcalc';
    const fixed = await client.edit(uri, [{ range: rangeOf(client, uri, '(p·n)'), newText: '(q·n)' }]);
    assert.equal(fixed.version, 2);
    assert.deepEqual((await client.diagnostics(uri, 2)).diagnostics, []);
  });

  test('closing a document clears its diagnostics', async () => {
    const uri = 'file:///test/broken-notes.md';
    const count = client.published.length;
    await client.close(uri);
    const cleared = await client.waitFor('cleared diagnostics', () => client.published.slice(count).find((p) => p.uri === uri));
    assert.deepEqual(cleared.diagnostics, []);
  });

  test('quick fixes travel with the diagnostic and are versioned edits', async () => {
    const doc = await client.open('file:///test/fix.mcalc', 'mcalc', 'A : m x n\nB : m x n\nC = A B\nf = tr(C)\n');
    const { diagnostics } = await client.diagnostics(doc.uri);
    const e201 = diagnostics.find((d) => d.code === 'E201');
    assert.ok(e201, JSON.stringify(diagnostics));
    const actions = await codeActionsFor(client, doc.uri, e201);
    const fix = actions.find((a) => a.kind === 'quickfix' && a.title === 'Transpose A');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const change = fix.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri: doc.uri, version: 1 });
    assert.deepEqual(await client.applyEdit(fix.edit!), { applied: true });
    assert.equal(client.text(doc.uri), 'A : m x n\nB : m x n\nC = Aᵀ B\nf = tr(C)\n');
    assert.deepEqual((await client.diagnostics(doc.uri, 2)).diagnostics, []);
    // The same fix, now stale, names version 1: an editor refuses it.
    const refused = await client.applyEdit(fix.edit!);
    assert.equal(refused.applied, false);
    assert.equal(client.text(doc.uri), 'A : m x n\nB : m x n\nC = Aᵀ B\nf = tr(C)\n');
  });
});

describe('debounced, version-aware publishing', () => {
  let client: TestClient;
  before(async () => { client = await TestClient.start({ diagnosticsDelay: 300 }); });
  after(async () => { await client.stop(); });

  test('a burst of changes is analysed once, for the last version', async () => {
    const uri = 'file:///test/burst.mcalc';
    await client.open(uri, 'mcalc', 'A : m x n\n');
    await client.replace(uri, 'A : m x n\nB : n x k\n');
    await client.replace(uri, 'A : m x n\nB : n x k\nC = A B\n');
    await client.replace(uri, 'A : m x n\nB : n x k\nC = B A\n');
    const p = await client.diagnostics(uri, 4);
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['E201']);
    // Give a (wrong) late publication of an older version the time to show up.
    await new Promise((r) => setTimeout(r, 400));
    assert.deepEqual(client.published.filter((q) => q.uri === uri).map((q) => q.version), [4]);
  });
});

describe('no debounce (diagnosticsDelay 0)', () => {
  let client: TestClient;
  before(async () => { client = await TestClient.start({ diagnosticsDelay: 0 }); });
  after(async () => { await client.stop(); });

  test('each version is published at once, with its own diagnostics', async () => {
    const uri = 'file:///test/nodelay.mcalc';
    await client.open(uri, 'mcalc', 'A : m x n\nB : n x k\nC = A B\n');
    assert.deepEqual((await client.diagnostics(uri, 1)).diagnostics, []);
    await client.replace(uri, 'A : m x n\nB : n x k\nC = B A\n');
    assert.deepEqual((await client.diagnostics(uri, 2)).diagnostics.map((d) => d.code), ['E201']);
    await client.replace(uri, 'A : m x n\nB : n x k\nC = A B\n');
    assert.deepEqual((await client.diagnostics(uri, 3)).diagnostics, []);
    const versions = client.published.filter((q) => q.uri === uri).map((q) => q.version);
    assert.deepEqual(versions, [1, 2, 3]);
  });
});

function rangeOf(client: TestClient, uri: string, needle: string) {
  const start = client.at(uri, needle);
  return { start, end: { line: start.line, character: start.character + needle.length } };
}

function codeActionsFor(client: TestClient, uri: string, d: Diagnostic): Promise<CodeAction[]> {
  return client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] },
  });
}
