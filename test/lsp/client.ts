// A small LSP client for the tests: spawns `node dist/server.js --stdio`, speaks real JSON-RPC, keeps its documents.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  ApplyWorkspaceEditRequest, ConfigurationRequest, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest, LogMessageNotification,
  PublishDiagnosticsNotification, RegistrationRequest, ShutdownRequest,
  type ApplyWorkspaceEditParams, type ApplyWorkspaceEditResult, type ClientCapabilities, type InitializeResult, type Position,
  type PublishDiagnosticsParams, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

const SERVER = 'dist/server.js';
/** Nothing in these tests should take long; a wait that does is a failure, not a hang. */
export const WAIT_MS = 15_000;

export const CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true },
    didChangeConfiguration: { dynamicRegistration: true },
    inlayHint: { refreshSupport: true },
  },
  textDocument: {
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: true } },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor'] } } },
    rename: { prepareSupport: true },
  },
};

const RESOLVING: ClientCapabilities = {
  ...CAPABILITIES,
  textDocument: {
    ...CAPABILITIES.textDocument,
    codeAction: { ...CAPABILITIES.textDocument!.codeAction, dataSupport: true, resolveSupport: { properties: ['edit'] } },
  },
};

export interface StartOptions {
  /** What workspace/configuration answers for section `mcalc` (nested, as VS Code sends it). */
  readonly settings?: Record<string, unknown>;
  /** Whether workspace/applyEdit requests are applied (true) or refused (false). */
  readonly applyEdits?: boolean;
  /** The server's debounce (default here 10 ms, so tests do not wait). */
  readonly diagnosticsDelay?: number;
  /** Declare codeAction/resolve support for `edit` (as VS Code does). */
  readonly resolveCodeActions?: boolean;
}

export class TestClient {
  readonly documents = new Map<string, TextDocument>();
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: { type: number; message: string }[] = [];
  readonly editRequests: ApplyWorkspaceEditParams[] = [];
  settings: Record<string, unknown>;
  applyEdits: boolean;
  initializeResult!: InitializeResult;
  private waiters: (() => void)[] = [];
  /** Everything the server wrote, for rawResponse. */
  private raw = '';
  private exited = false;

  private constructor(readonly proc: ChildProcessWithoutNullStreams, readonly connection: MessageConnection, options: StartOptions) {
    this.settings = options.settings ?? {};
    this.applyEdits = options.applyEdits ?? true;
    proc.stdout.on('data', (d: Buffer) => {
      this.raw += d.toString('utf8');
      this.notify();
    });
    proc.on('exit', () => {
      this.exited = true;
      this.notify();
    });
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    assert.ok(existsSync(SERVER), `${SERVER} is missing: run \`npm run build\` first`);
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    proc.stderr.on('data', (d: Buffer) => process.stderr.write(`[server stderr] ${d.toString()}`));
    const connection = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const client = new TestClient(proc, connection, options);
    client.wire();
    connection.listen();
    client.initializeResult = await client.within(connection.sendRequest(InitializeRequest.type, {
      processId: process.pid, rootUri: null, capabilities: options.resolveCodeActions ? RESOLVING : CAPABILITIES,
      initializationOptions: { diagnosticsDelay: options.diagnosticsDelay ?? 10 },
    }), 'initialize');
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private wire(): void {
    const c = this.connection;
    c.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      this.notify();
    });
    c.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p);
      this.notify();
    });
    c.onRequest(ConfigurationRequest.type, (p) => p.items.map((item) => (item.section === 'mcalc' ? this.settings : null)));
    c.onRequest(RegistrationRequest.type, () => undefined);
    c.onRequest(ApplyWorkspaceEditRequest.type, async (p): Promise<ApplyWorkspaceEditResult> => {
      this.editRequests.push(p);
      this.notify();
      if (!this.applyEdits) return { applied: false, failureReason: 'refused by the test' };
      return this.applyEdit(p.edit);
    });
  }

  private notify(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  /** Resolves when `check` returns a value (re-tried after every message from the server); fails after WAIT_MS. */
  async waitFor<T>(what: string, check: () => T | undefined): Promise<T> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const v = check();
      if (v !== undefined) return v;
      if (this.exited) assert.fail(`the server exited while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) assert.fail(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  async within<T>(p: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), WAIT_MS);
    });
    try {
      return await Promise.race([p, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.within(this.connection.sendRequest(method, params) as Promise<R>, method);
  }

  /** The diagnostics published for this version of the document (the first such). */
  diagnostics(uri: string, version = this.doc(uri).version): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`diagnostics of ${uri} v${version}`, () => this.published.find((p) => p.uri === uri && p.version === version));
  }

  doc(uri: string): TextDocument {
    const d = this.documents.get(uri);
    assert.ok(d, `${uri} is not open`);
    return d;
  }

  async open(uri: string, languageId: string, text: string): Promise<TextDocument> {
    const document = TextDocument.create(uri, languageId, 1, text);
    this.documents.set(uri, document);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return document;
  }

  /** Opens a file of the repository (examples/…) under a test uri. */
  openFile(path: string, uri = `file:///test/${path}`, transform: (text: string) => string = (t) => t): Promise<TextDocument> {
    const languageId = path.endsWith('.md') ? 'markdown' : 'mcalc';
    return this.open(uri, languageId, transform(readFileSync(path, 'utf8')));
  }

  /** Applies edits locally and sends them as one incremental didChange; returns the new version. */
  async edit(uri: string, edits: TextEdit[]): Promise<TextDocument> {
    const before = this.doc(uri);
    // Incremental changes apply one after another, so they are sent from the last position to the first.
    const sorted = [...edits].sort((a, b) => before.offsetAt(b.range.start) - before.offsetAt(a.range.start));
    const after = TextDocument.create(uri, before.languageId, before.version + 1, TextDocument.applyEdits(before, edits));
    this.documents.set(uri, after);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: after.version },
      contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
    });
    return after;
  }

  /** Replaces the whole text (a full-document change). */
  async replace(uri: string, text: string): Promise<TextDocument> {
    const before = this.doc(uri);
    const after = TextDocument.create(uri, before.languageId, before.version + 1, text);
    this.documents.set(uri, after);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: after.version }, contentChanges: [{ text }] });
    return after;
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /**
   * Applies a WorkspaceEdit as an editor would: versioned document edits are refused when the version is not the
   * document's; accepted edits are sent to the server as didChange.
   */
  async applyEdit(edit: WorkspaceEdit): Promise<ApplyWorkspaceEditResult> {
    const changes: { uri: string; edits: TextEdit[] }[] = [];
    for (const dc of edit.documentChanges ?? []) {
      assert.ok('textDocument' in dc && 'edits' in dc, 'only text document edits are expected');
      const doc = this.documents.get(dc.textDocument.uri);
      if (!doc) return { applied: false, failureReason: `${dc.textDocument.uri} is not open` };
      if (dc.textDocument.version !== null && dc.textDocument.version !== doc.version) {
        return { applied: false, failureReason: `stale edit: version ${dc.textDocument.version}, document ${doc.version}` };
      }
      changes.push({ uri: dc.textDocument.uri, edits: dc.edits.filter((e): e is TextEdit => 'range' in e) });
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) changes.push({ uri, edits });
    for (const c of changes) await this.edit(c.uri, c.edits);
    return { applied: true };
  }

  /** The position of the `occurrence`-th (0-based) match of `needle` in the document, plus `delta` characters. */
  at(uri: string, needle: string, delta = 0, occurrence = 0): Position {
    const doc = this.doc(uri);
    const text = doc.getText();
    let from = -1;
    for (let i = 0; i <= occurrence; i++) {
      from = text.indexOf(needle, from + 1);
      assert.ok(from >= 0, `'${needle}' (#${i}) not found in ${uri}`);
    }
    return doc.positionAt(from + delta);
  }

  /**
   * Writes raw JSON-RPC messages to the server in ONE write, bypassing the connection (whose writer sends each
   * message on its own): a request and its $/cancelRequest then arrive together, however fast the server is.
   * Answers to such requests are read from the raw output (`rawResponse`).
   */
  sendRaw(messages: readonly object[]): void {
    const frames = messages.map((m) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...m }), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    });
    this.proc.stdin.write(Buffer.concat(frames));
  }

  /** The server's answer to a request sent with sendRaw. */
  rawResponse(id: string): Promise<{ result?: unknown; error?: { code: number; message: string } }> {
    return this.waitFor(`the answer to ${id}`, () => {
      for (const m of this.raw.matchAll(/Content-Length: (\d+)\r\n\r\n/g)) {
        const start = m.index + m[0].length;
        const body = Buffer.from(this.raw.slice(start), 'utf8').subarray(0, Number(m[1])).toString('utf8');
        if (!body.includes(`"id":"${id}"`)) continue;
        try {
          return JSON.parse(body) as { result?: unknown; error?: { code: number; message: string } };
        } catch {
          return undefined; // not all of it has arrived yet
        }
      }
      return undefined;
    });
  }

  text(uri: string): string {
    return this.doc(uri).getText();
  }

  alive(): boolean {
    return !this.exited && this.proc.exitCode === null;
  }

  /** shutdown + exit, then kill if the process lingers; always resolves. */
  async stop(): Promise<void> {
    if (this.alive()) {
      try {
        await this.within(this.connection.sendRequest(ShutdownRequest.type), 'shutdown');
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        // The process is killed below either way.
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => { this.proc.kill('SIGKILL'); resolve(); }, 3000);
        this.proc.once('exit', () => { clearTimeout(t); resolve(); });
        if (this.exited) { clearTimeout(t); resolve(); }
      });
    }
    this.connection.dispose();
  }
}
