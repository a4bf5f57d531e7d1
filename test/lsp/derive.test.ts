// Derivations over JSON-RPC: the mcalc/derive request, the mcalc.applyDerive command (and its refusal when stale), settings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { ResponseError } from 'vscode-jsonrpc';
import type { ApplyDeriveResult, DeriveResponse, ServerInfo } from '../../server/src/protocol';
import { TestClient } from './client';

const KRON = 'file:///test/kronecker-trace.mcalc';
const DF_DA = 'tr₁((Bᵀ ⊗ I_m) (L + Lᵀ) S Hᵀ, q)';

describe('the derivation worker', () => {
  test('starts shortly after a document with something to derive opens, not for a note without mcalc', async () => {
    const client = await TestClient.start();
    try {
      const info = (): Promise<ServerInfo> => client.request<ServerInfo>('mcalc/serverInfo', {});
      assert.equal((await info()).derivationWorker, false, 'no worker before a document is open');
      const plain = 'file:///test/plain.md';
      await client.open(plain, 'markdown', '# Notes\n\nProse, and math that is not about matrices: $x^2 + y^2 = r^2$.\n');
      await client.diagnostics(plain);
      // Well past the 500 ms after which a document with something to derive starts it.
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal((await info()).derivationWorker, false, 'a note without mcalc starts no worker');
      await client.openFile('examples/kronecker-trace.mcalc', KRON);
      const started = Date.now();
      while (!(await info()).derivationWorker) {
        assert.ok(Date.now() - started < 10_000, 'the worker did not start within 10 s of the open');
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await client.stop();
    }
  });
});

describe('mcalc/derive', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
    await client.openFile('examples/kronecker-trace.mcalc', KRON);
  });
  after(async () => { await client.stop(); });

  test('the whole derivation: result in three notations, steps, the numeric check, the wrt candidates', async () => {
    const r = await client.request<DeriveResponse>('mcalc/derive', { textDocument: { uri: KRON }, of: 'f', wrt: 'A' });
    assert.equal(r.error, undefined);
    assert.equal(r.version, 1);
    assert.equal(r.of, 'f');
    assert.equal(r.wrt, 'A');
    assert.deepEqual(r.symbols.map((s) => `${s.name} ${s.shape}`), ['A m×n', 'B p×q', 'H (q·n)×k', 'L (p·m)×(p·m)']);
    assert.ok(r.result);
    assert.equal(r.result.mcalc, DF_DA);
    assert.equal(r.result.shape, 'm×n');
    assert.match(r.result.latex, /\\otimes/);
    assert.match(r.result.numpy, /^import numpy as np/);
    assert.ok(r.result.steps.length >= 3);
    assert.equal(r.result.check?.passed, true);
    assert.match(r.result.check!.summary, /^numeric check: passed/);
  });

  test('what cannot be derived is an error in the answer, not a failed request', async () => {
    const notVariable = await client.request<DeriveResponse>('mcalc/derive', { textDocument: { uri: KRON }, of: 'f', wrt: 'S' });
    assert.match(notVariable.error ?? '', /S is not a declared symbol/);
    assert.equal(notVariable.result, undefined);
    const notScalar = await client.request<DeriveResponse>('mcalc/derive', { textDocument: { uri: KRON }, of: 'S', wrt: 'A' });
    assert.match(notScalar.error ?? '', /not a scalar/);
    const closed = await client.request<DeriveResponse>('mcalc/derive', { textDocument: { uri: 'file:///nowhere.mcalc' }, of: 'f', wrt: 'A' });
    assert.equal(closed.version, null);
    assert.match(closed.error ?? '', /not open/);
  });

  test('an error elsewhere in the document does not stop a derivation; one in f\'s statements does', async () => {
    const uri = 'file:///test/partly-broken.mcalc';
    await client.open(uri, 'mcalc', 'A : m x n\nX : n x m\nf = tr(A X)\nB = A A\ng = tr(B) + tr(A X)\n');
    assert.deepEqual((await client.diagnostics(uri)).diagnostics.map((d) => d.code), ['E201']);
    const ok = await client.request<DeriveResponse>('mcalc/derive', { textDocument: { uri }, of: 'f', wrt: 'X' });
    assert.equal(ok.result?.mcalc, 'Aᵀ');
    const blocked = await client.request<DeriveResponse>('mcalc/derive', { textDocument: { uri }, of: 'g', wrt: 'X' });
    assert.equal(blocked.result, undefined);
    assert.ok(blocked.error);
  });

  test('a cancelled derivation answers RequestCancelled', async () => {
    client.sendRaw([
      { id: 'cancel-probe', method: 'mcalc/derive', params: { textDocument: { uri: KRON }, of: 'f', wrt: 'B' } },
      { method: '$/cancelRequest', params: { id: 'cancel-probe' } },
    ]);
    const answer = await client.rawResponse('cancel-probe');
    assert.equal(answer.error?.code, -32800, JSON.stringify(answer));
    assert.ok(client.alive());
  });

  test('settings are pulled per document and re-read after didChangeConfiguration', async () => {
    const uri = 'file:///test/sym.mcalc';
    await client.open(uri, 'mcalc', 'A : n x n\nS : n x n, symmetric\nf = tr(A S)\n∂f/∂S = 2 Aᵀ\n');
    assert.deepEqual((await client.diagnostics(uri)).diagnostics.map((d) => d.code), ['W401']);
    const plain = await client.request<DeriveResponse>('mcalc/derive', { textDocument: { uri }, of: 'f', wrt: 'S' });
    assert.equal(plain.result?.mcalc, 'Aᵀ');
    assert.match(plain.result?.convention ?? '', /unconstrained.*\(setting mcalc\.gradient\.symmetric\)$/);

    client.settings = { gradient: { symmetric: 'symmetric' }, check: { enabled: false } };
    const published = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const sym = await client.request<DeriveResponse>('mcalc/derive', { textDocument: { uri }, of: 'f', wrt: 'S' });
    assert.equal(sym.result?.mcalc, '(A + Aᵀ) / 2');
    assert.equal(sym.result?.check, undefined, 'mcalc.check.enabled = false: no numeric check');
    // Without checks, the wrong claim is no longer flagged (diagnostics are re-published for the new settings).
    const again = await client.waitFor('re-published diagnostics', () => client.published.slice(published).find((p) => p.uri === uri));
    assert.deepEqual(again.diagnostics, []);
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  });

  test('mcalc.gradient.symmetric = symmetric: a claim within symmetric matrices agrees, over real JSON-RPC', async () => {
    const uri = 'file:///test/sym-claim.mcalc';
    await client.open(uri, 'mcalc', 'A : n x n\nS : n x n, symmetric\nf = tr(A S)\n∂f/∂S = (A + Aᵀ) / 2\n');
    const first = await client.diagnostics(uri);
    assert.deepEqual(first.diagnostics.map((d) => d.code), ['W401']);
    assert.match(first.diagnostics[0]!.message, /It agrees along symmetric directions/);
    client.settings = { gradient: { symmetric: 'symmetric' } };
    const published = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const again = await client.waitFor('re-published diagnostics', () => client.published.slice(published).find((p) => p.uri === uri));
    assert.deepEqual(again.diagnostics, []);
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  });
});

describe('mcalc.applyDerive', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
    await client.openFile('examples/kronecker-trace.mcalc', KRON);
    await client.diagnostics(KRON);
  });
  after(async () => { await client.stop(); });

  test('is advertised, derives, and inserts the claim through workspace/applyEdit with a versioned edit', async () => {
    assert.deepEqual(client.initializeResult.capabilities.executeCommandProvider?.commands, ['mcalc.applyDerive']);
    const r = await client.request<ApplyDeriveResult>('workspace/executeCommand', {
      command: 'mcalc.applyDerive', arguments: [{ uri: KRON, version: 1, of: 'f', wrt: 'A' }],
    });
    assert.deepEqual(r, { applied: true, inserted: `∂f/∂A = ${DF_DA}` });
    const edit = client.editRequests.at(-1)!.edit;
    assert.deepEqual(edit.documentChanges?.map((c) => ('textDocument' in c ? c.textDocument : null)), [{ uri: KRON, version: 1 }]);
    // Inserted on the line after `grad f wrt A, B`, the user's text untouched.
    assert.equal(client.text(KRON), `${readExample()}∂f/∂A = ${DF_DA}\n`);
    // The inserted claim is numerically right: version 2 is clean.
    assert.deepEqual((await client.diagnostics(KRON, 2)).diagnostics, []);
  });

  test('a request for an older version is refused, and nothing is edited', async () => {
    const edits = client.editRequests.length;
    const text = client.text(KRON);
    await assert.rejects(
      client.request('workspace/executeCommand', { command: 'mcalc.applyDerive', arguments: [{ uri: KRON, version: 1, of: 'f', wrt: 'B' }] }),
      (e: unknown) => e instanceof ResponseError && e.code === -32801 && /changed since version 1/.test(e.message),
    );
    assert.equal(client.editRequests.length, edits, 'no workspace/applyEdit was sent');
    assert.equal(client.text(KRON), text);
  });

  test('an edit the client refuses is reported as not applied', async () => {
    client.applyEdits = false;
    const r = await client.request<ApplyDeriveResult>('workspace/executeCommand', {
      command: 'mcalc.applyDerive', arguments: [{ uri: KRON, version: 2, of: 'f', wrt: 'B' }],
    });
    client.applyEdits = true;
    assert.equal(r.applied, false);
    assert.equal(r.failureReason, 'refused by the test');
  });

  test('mcalc.showGradient, the client\'s command, is a harmless no-op for editors that send it here', async () => {
    assert.equal(await client.request('workspace/executeCommand', { command: 'mcalc.showGradient', arguments: [{ uri: KRON, of: 'f', wrt: 'A' }] }), null);
  });

  test('bad arguments are an invalid-params error', async () => {
    await assert.rejects(
      client.request('workspace/executeCommand', { command: 'mcalc.applyDerive', arguments: [{ uri: KRON }] }),
      (e: unknown) => e instanceof ResponseError && e.code === -32602,
    );
  });
});

function readExample(): string {
  return readFileSync('examples/kronecker-trace.mcalc', 'utf8');
}
