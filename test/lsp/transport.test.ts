// The server over its socket transports (`--socket=PORT` and `--pipe=NAME`, for editors that connect that way): answers
// come at once, and the server ends when the client's socket closes.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createMessageConnection, SocketMessageReader, SocketMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { InitializedNotification, InitializeRequest, type Hover } from 'vscode-languageserver-protocol';
import { WAIT_MS } from './client';

const SERVER = 'dist/server.js';

function exited(proc: ChildProcess): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`the server did not end within ${WAIT_MS} ms`)), WAIT_MS);
    proc.once('exit', (code) => {
      clearTimeout(t);
      resolve(code);
    });
  });
}

for (const transport of ['socket', 'pipe'] as const) describe(`the --${transport} transport`, () => {
  let listener: Server;
  let proc: ChildProcess;
  let socket: Socket;
  let connection: MessageConnection;

  before(async () => {
    assert.ok(existsSync(SERVER), `${SERVER} is missing: run \`npm run build\` first`);
    listener = createServer();
    const pipe = join(tmpdir(), `mcalc-test-${process.pid}.sock`);
    if (transport === 'socket') await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    else await new Promise<void>((resolve) => listener.listen(pipe, resolve));
    const where = transport === 'socket' ? `--socket=${(listener.address() as { port: number }).port}` : `--pipe=${pipe}`;
    const accepted = new Promise<Socket>((resolve) => listener.once('connection', resolve));
    proc = spawn(process.execPath, [SERVER, where], { stdio: ['ignore', 'ignore', 'inherit'] });
    socket = await accepted;
    // The client's side without Nagle's algorithm too, so that what is timed below is the server's side.
    if (transport === 'socket') socket.setNoDelay(true);
    connection = createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    connection.onRequest('client/registerCapability', () => undefined);
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
    await connection.sendNotification(InitializedNotification.type, {});
  });

  after(() => {
    connection.dispose();
    socket.destroy();
    listener.close();
    proc.kill();
  });

  test('a request is answered at once, not after a delayed acknowledgement (40 ms per message with Nagle on)', async () => {
    const times: number[] = [];
    for (let k = 0; k < 11; k++) {
      const t0 = performance.now();
      const h = await connection.sendRequest<Hover | null>('textDocument/hover', {
        textDocument: { uri: 'file:///not/open.mcalc' }, position: { line: 0, character: 0 },
      });
      times.push(performance.now() - t0);
      assert.equal(h, null);
    }
    const median = times.sort((a, b) => a - b)[5]!;
    assert.ok(median < 20, `median round trip ${median.toFixed(1)} ms (all: ${times.map((t) => t.toFixed(1)).join(', ')})`);
  });

  test('the server ends when the client closes the socket', async () => {
    const ended = exited(proc);
    connection.dispose();
    socket.destroy();
    await ended;
  });
});
