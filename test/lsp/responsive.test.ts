// A long derivation runs in the server's worker thread: other requests are answered meanwhile, and cancelling it
// stops it (the worker is ended and the next derivation starts a new one).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DeriveResponse } from '../../server/src/protocol';
import { TestClient } from './client';

/** d tr(∏ 60 inverses)/dA: about a second of derivation on these machines, all of it in the worker. */
const LONG = `A : n x n\nf = tr(${Array(60).fill('inv(A + A A)').join(' ')})\nh = tr(${Array(59).fill('inv(A + A A)').join(' ')})\ng = tr(A)\nk = tr(${Array(58).fill('inv(A + A A)').join(' ')})\ngrad k wrt A\n`;
const URI = 'file:///test/long.mcalc';

describe('a long derivation does not block the server', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
    await client.open(URI, 'mcalc', LONG);
    await client.diagnostics(URI);
  });
  after(async () => { await client.stop(); });

  test('hovers are answered while ∂f/∂A is being derived, and the derivation still completes', async () => {
    const order: string[] = [];
    const long = client.request<DeriveResponse>('mcalc/derive', { textDocument: { uri: URI }, of: 'f', wrt: 'A' })
      .then((r) => { order.push('derive'); return r; });
    for (let i = 0; i < 3; i++) {
      const h = await client.request('textDocument/hover', { textDocument: { uri: URI }, position: client.at(URI, 'g = tr') });
      assert.ok(h, 'a hover on g');
      order.push('hover');
    }
    const r = await long;
    assert.ok(r.result, r.error);
    assert.deepEqual(order, ['hover', 'hover', 'hover', 'derive'], 'every hover came back before the long derivation');
  });

  test('a hover on a grad line derives in the worker too: other hovers are answered meanwhile', async () => {
    const order: string[] = [];
    const long = client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri: URI }, position: client.at(URI, 'grad k wrt', 1),
    }).then((h) => { order.push('grad hover'); return h; });
    const h = await client.request('textDocument/hover', { textDocument: { uri: URI }, position: client.at(URI, 'g = tr') });
    assert.ok(h);
    order.push('hover');
    const derived = await long;
    assert.match(derived?.contents.value ?? '', /∂k\/∂A/);
    assert.deepEqual(order, ['hover', 'grad hover']);
  });

  test('a cancelled derivation stops at once, and the next one runs in a new worker', async () => {
    client.sendRaw([{ id: 'long', method: 'mcalc/derive', params: { textDocument: { uri: URI }, of: 'h', wrt: 'A' } }]);
    // Let the worker start on it (a request cancelled before it starts is refused earlier, on the main thread).
    await new Promise((r) => setTimeout(r, 150));
    client.sendRaw([{ method: '$/cancelRequest', params: { id: 'long' } }]);
    const answer = await client.rawResponse('long');
    assert.equal(answer.error?.code, -32800, JSON.stringify(answer));
    const small = await client.request<DeriveResponse>('mcalc/derive', { textDocument: { uri: URI }, of: 'g', wrt: 'A' });
    assert.equal(small.result?.mcalc, 'I_n');
    assert.ok(client.alive());
    // Not remembered as an answer: asked again, h is derived (in full, this time).
    const again = await client.request<DeriveResponse>('mcalc/derive', { textDocument: { uri: URI }, of: 'h', wrt: 'A' });
    assert.ok(again.result, again.error);
  });
});
