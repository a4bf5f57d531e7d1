// The boundary over JSON-RPC: unknown documents and malformed requests get fallbacks, errors are logged, the server lives on.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { TestClient } from './client';

describe('a server that does not fall over', () => {
  let client: TestClient;
  before(async () => { client = await TestClient.start(); });
  after(async () => { await client.stop(); });

  test('requests about a document that is not open are answered with the fallback', async () => {
    const position = { line: 0, character: 0 };
    const textDocument = { uri: 'file:///never/opened.mcalc' };
    assert.equal(await client.request('textDocument/hover', { textDocument, position }), null);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument }), []);
    assert.deepEqual(await client.request('textDocument/inlayHint', { textDocument, range: { start: position, end: position } }), []);
    assert.deepEqual(await client.request('textDocument/semanticTokens/full', { textDocument }), { data: [] });
  });

  test('a handler that throws is logged and answered with its fallback', async () => {
    const logs = client.logs.length;
    // No textDocument at all: the handler throws a TypeError, which the boundary catches.
    assert.equal(await client.request<Hover | null>('textDocument/hover', { position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.request('textDocument/codeAction', { range: null, context: null }), []);
    const logged = await client.waitFor('the error in the log', () => client.logs.slice(logs).find((l) => /mcalc: hover failed: TypeError/.test(l.message)));
    assert.equal(logged.type, 1, 'logged as an error');
  });

  test('documents of other languages are ignored', async () => {
    const uri = 'file:///test/notes.txt';
    await client.open(uri, 'plaintext', 'A : m x n\nB = A A\n');
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 4 } }), null);
  });

  test('the server is still alive and answering', async () => {
    const uri = 'file:///test/alive.mcalc';
    await client.open(uri, 'mcalc', 'A : m x n\nB = A A\n');
    assert.deepEqual((await client.diagnostics(uri)).diagnostics.map((d) => d.code), ['E201']);
    assert.ok(client.alive());
  });
});
