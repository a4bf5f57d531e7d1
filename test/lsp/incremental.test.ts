// Over JSON-RPC, a document edited keystroke by keystroke (incremental didChange) gets the diagnostics and hovers a
// document opened with the same text gets: the server's incremental analysis is invisible to the client.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, Hover, Position } from 'vscode-languageserver-protocol';
import { TestClient } from './client';

/** What a client sees of a diagnostic, but the document's own uri and version (they differ between the documents). */
function seen(ds: readonly Diagnostic[]): unknown[] {
  return ds.map((d) => ({
    ...d, data: undefined,
    relatedInformation: d.relatedInformation?.map((r) => ({ ...r, location: { ...r.location, uri: 'same' } })),
  }));
}

/** Edits as (needle, replacement): the first occurrence of the needle is replaced, one keystroke at a time. */
const NOTE_EDITS: readonly (readonly [string, string])[] = [
  ['We want', 'We really want'], // prose
  ['S = (B ⊗ A) H', 'S = (B ⊗ A) L'], // a block: a shape error
  ['A hand-derived', 'By hand, a derived'], // prose while the error stands
  ['$A : B', '$A : C'], // math
  ['S = (B ⊗ A) L', 'S = (B ⊗ A) H'], // the error fixed
];

describe('incremental analysis over JSON-RPC', () => {
  let client: TestClient;
  before(async () => { client = await TestClient.start(); });
  after(async () => { await client.stop(); });

  /** Types `to` over `from` in the document, a character at a time, each change its own version. */
  async function type(uri: string, from: string, to: string): Promise<void> {
    const at = client.text(uri).indexOf(from);
    assert.ok(at >= 0, `'${from}' is in the document`);
    const doc = client.doc(uri);
    await client.edit(uri, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at + from.length) }, newText: '' }]);
    for (let k = 0; k < to.length; k++) {
      const d = client.doc(uri);
      const p = d.positionAt(at + k);
      await client.edit(uri, [{ range: { start: p, end: p }, newText: to[k]! }]);
    }
  }

  async function compareWithFresh(uri: string, languageId: string, name: string, hoverAt: string[]): Promise<void> {
    const edited = await client.diagnostics(uri);
    const fresh = await client.open(`file:///test/fresh-${name}`, languageId, client.text(uri));
    const opened = await client.diagnostics(fresh.uri);
    assert.deepEqual(seen(edited.diagnostics), seen(opened.diagnostics));
    for (const needle of hoverAt) {
      const hover = (u: string): Promise<Hover | null> => {
        const position: Position = client.at(u, needle);
        return client.request<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position });
      };
      assert.deepEqual(await hover(uri), await hover(fresh.uri), `hover at '${needle}'`);
    }
    await client.close(fresh.uri);
  }

  test('a Markdown note typed into (prose, a block, math) reads as the same note opened afresh', async () => {
    const doc = await client.openFile('examples/derivation-notes.md', 'file:///test/typed-notes.md');
    await client.diagnostics(doc.uri);
    for (const [i, [from, to]] of NOTE_EDITS.entries()) {
      await type(doc.uri, from, to);
      await compareWithFresh(doc.uri, 'markdown', `notes-${i}.md`, ['f = tr', 'A : m', 'G = (L']);
    }
    assert.equal(client.text(doc.uri).includes('We really want'), true);
  });

  test('a .mcalc file typed into reads as the same file opened afresh', async () => {
    const doc = await client.openFile('examples/kronecker-trace.mcalc', 'file:///test/typed.mcalc');
    await client.diagnostics(doc.uri);
    const edits: readonly (readonly [string, string])[] = [
      ['H : (q·n) × k', 'H : (p·n) × k'], ['f = tr(Sᵀ L S)', 'f = tr(Sᵀ L S) + tr(A)'], ['H : (p·n) × k', 'H : (q·n) × k'],
    ];
    for (const [i, [from, to]] of edits.entries()) {
      await type(doc.uri, from, to);
      await compareWithFresh(doc.uri, 'mcalc', `typed-${i}.mcalc`, ['S = (B', 'f = tr', 'L : (p']);
    }
    assert.ok(readFileSync('examples/kronecker-trace.mcalc', 'utf8').includes('H : (q·n) × k'));
  });
});
