// A lean LSP client for the editor benchmarks: starts `node dist/server.js --stdio`, speaks real JSON-RPC
// (vscode-jsonrpc), and times each round trip — didOpen/didChange to the diagnostics of that version, a hover request
// to its answer. Unlike the tests' client it keeps nothing but what it times.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  ConfigurationRequest, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, HoverRequest,
  InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, RegistrationRequest, ShutdownRequest,
  type Hover, type Position, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DERIVE_REQUEST, type DeriveResponse } from '../server/src/protocol';

const TIMEOUT_MS = 120_000;

export interface ServerUsage {
  readonly minorFaults: number;
  readonly userMs: number;
  readonly systemMs: number;
}

export class BenchClient {
  private document: TextDocument | undefined;
  /** Resolvers waiting for the diagnostics of a version. */
  private readonly waiting = new Map<number, (p: PublishDiagnosticsParams) => void>();
  private readonly seen = new Map<number, PublishDiagnosticsParams>();

  private constructor(private readonly proc: ChildProcessWithoutNullStreams, private readonly connection: MessageConnection) {}

  static async start(server = 'dist/server.js'): Promise<BenchClient> {
    // MCALC_BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=prof`) profiles the server under the bench's load.
    const nodeArgs = process.env.MCALC_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const proc = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: 'pipe' });
    proc.stderr.on('data', (d: Buffer) => process.stderr.write(`[server] ${d.toString()}`));
    const connection = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const client = new BenchClient(proc, connection);
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      if (p.version === undefined) return;
      const w = client.waiting.get(p.version);
      if (w) {
        client.waiting.delete(p.version);
        w(p);
      } else client.seen.set(p.version, p);
    });
    // Default settings (numeric check on), as a fresh VS Code would send them.
    connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({})));
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid, rootUri: null,
      capabilities: {
        workspace: { configuration: true },
        textDocument: { hover: { contentFormat: ['markdown'] }, publishDiagnostics: { versionSupport: true } },
      },
      // No debounce: the figures are the server's own time, not the wait a real editor adds on purpose.
      initializationOptions: { diagnosticsDelay: 0 },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  get text(): string {
    return this.document!.getText();
  }

  private diagnosticsOf(version: number): Promise<PublishDiagnosticsParams> {
    const done = this.seen.get(version);
    if (done) {
      this.seen.delete(version);
      return Promise.resolve(done);
    }
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no diagnostics for version ${version}`)), TIMEOUT_MS);
      this.waiting.set(version, (p) => {
        clearTimeout(t);
        resolve(p);
      });
    });
  }

  /** Opens the document; resolves with the milliseconds until its diagnostics arrived, and how many there were. */
  async open(uri: string, languageId: string, text: string): Promise<{ ms: number; diagnostics: number }> {
    this.document = TextDocument.create(uri, languageId, 1, text);
    const t0 = process.hrtime.bigint();
    const published = this.diagnosticsOf(1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    const p = await published;
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, diagnostics: p.diagnostics.length };
  }

  /** Replaces [offset, offset + deleteCount) with `insert` as one incremental didChange; resolves with ms to its diagnostics. */
  async edit(offset: number, deleteCount: number, insert: string): Promise<number> {
    const before = this.document!;
    const range = { start: before.positionAt(offset), end: before.positionAt(offset + deleteCount) };
    const version = before.version + 1;
    this.document = TextDocument.update(before, [{ range, text: insert }], version);
    const t0 = process.hrtime.bigint();
    const published = this.diagnosticsOf(version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: before.uri, version }, contentChanges: [{ range, text: insert }],
    });
    await published;
    return Number(process.hrtime.bigint() - t0) / 1e6;
  }

  /**
   * The server process's minor page faults and CPU time so far, read from /proc (Linux; undefined elsewhere). On the
   * benchmark's virtual machine the first touch of a fresh page is slow, and an open's faults say how much fresh
   * memory it took.
   */
  usage(): ServerUsage | undefined {
    try {
      const stat = readFileSync(`/proc/${this.proc.pid}/stat`, 'utf8');
      // proc(5): after "pid (comm) ", field 3 (state) is f[0]; minflt is field 10, utime 14, stime 15, in clock ticks
      // (USER_HZ, 100 a second on Linux).
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return { minorFaults: Number(f[7]), userMs: Number(f[11]) * 10, systemMs: Number(f[12]) * 10 };
    } catch {
      return undefined;
    }
  }

  /** Closes the document (the server lets go of it and its analysis). */
  async close(): Promise<void> {
    if (!this.document) return;
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: this.document.uri } });
    this.document = undefined;
  }

  /** A hover at an offset; resolves with ms to the answer and whether there was one. */
  async hover(offset: number): Promise<{ ms: number; answered: boolean }> {
    const position: Position = this.document!.positionAt(offset);
    const t0 = process.hrtime.bigint();
    const h = await this.connection.sendRequest(HoverRequest.type, { textDocument: { uri: this.document!.uri }, position }) as Hover | null;
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, answered: h !== null };
  }

  /** ∂f/∂X of the open document by mcalc/derive (as the panel asks, with its check); resolves with ms and whether it derived. */
  async derive(of: string, wrt: string): Promise<{ ms: number; derived: boolean }> {
    const t0 = process.hrtime.bigint();
    const r = await this.connection.sendRequest(DERIVE_REQUEST, { textDocument: { uri: this.document!.uri }, of, wrt }) as DeriveResponse;
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, derived: r.result !== undefined };
  }

  /**
   * A request the server answers at once, without running any of its handlers (a method it does not know: JSON-RPC's
   * own error reply): the floor under every request's latency, stdio and JSON included. Resolves with ms.
   */
  async roundTrip(): Promise<number> {
    const t0 = process.hrtime.bigint();
    await this.connection.sendRequest('mcalc/bench/noSuchMethod').catch(() => undefined);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // killed below either way
    }
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => { this.proc.kill('SIGKILL'); resolve(); }, 3000);
      this.proc.once('exit', () => { clearTimeout(t); resolve(); });
    });
    this.connection.dispose();
  }
}
