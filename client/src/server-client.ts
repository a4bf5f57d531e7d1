// The language client as the rest of the extension sees it, there from activation on. Its library
// (vscode-languageclient, in dist/language-client.js) is loaded on the event loop's next turn, once activate() has
// returned: VS Code waits for activation and counts it, while the server process takes longer to start than the
// library takes to load. Requests made before then wait for it, as they would wait for the server to start.
import * as vscode from 'vscode';

/** What the extension uses of a language client (languageClient.ts wraps vscode-languageclient's in this). */
export interface StartedClient {
  sendRequest<R>(method: string, params?: object, token?: vscode.CancellationToken): Promise<R>;
  /** Restarts the server, or starts it if it never started. */
  restart(): Promise<void>;
  /** Stops the server if it is running. */
  stop(): Promise<void>;
}

/** Loads the client's library and creates the client (not started); `onDidStart` is called each time it is up. */
export type LoadClient = (onDidStart: () => void) => StartedClient & vscode.Disposable & { start(): Promise<void> };

/** The extension was deactivated before the client was loaded: nothing failed, and there is nobody to tell. */
export class DeactivatedBeforeLoad extends Error {
  constructor() {
    super('the extension was deactivated before its language client was loaded');
  }
}

export class ServerClient implements StartedClient, vscode.Disposable {
  private readonly started = new vscode.EventEmitter<void>();
  /** Fires each time the server comes up: its first start, and again after a crash or a restart. */
  readonly onDidStart = this.started.event;
  /** Settles when the client has first started, the server having answered `initialize` (rejects if it could not). */
  readonly whenStarted: Promise<void>;
  /** How long loading the library and creating the client took, once it has. */
  loadMs: number | undefined;
  private readonly loaded: Promise<StartedClient>;
  private client: ReturnType<LoadClient> | undefined;
  private disposed = false;

  constructor(load: LoadClient) {
    this.loaded = new Promise((resolve, reject) => {
      setImmediate(() => {
        if (this.disposed) {
          reject(new DeactivatedBeforeLoad());
          return;
        }
        try {
          const loadStarted = performance.now();
          this.client = load(() => this.started.fire());
          this.loadMs = performance.now() - loadStarted;
          resolve(this.client);
        } catch (e) {
          reject(e);
        }
      });
    });
    this.whenStarted = this.loaded.then(() => this.client!.start());
  }

  async sendRequest<R>(method: string, params?: object, token?: vscode.CancellationToken): Promise<R> {
    return (await this.loaded).sendRequest<R>(method, params, token);
  }

  async restart(): Promise<void> {
    await (await this.loaded).restart();
  }

  /** Stops the server if it is running; a client not loaded yet will not be (deactivation). */
  async stop(): Promise<void> {
    this.disposed = true;
    await this.client?.stop();
  }

  dispose(): void {
    this.disposed = true;
    this.client?.dispose();
    this.started.dispose();
  }
}
