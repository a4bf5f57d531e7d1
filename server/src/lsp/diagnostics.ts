// Diagnostics pushed on open and change: debounced per document, and never for a version older than the document's.
import type { ServerContext } from './context';
import type { Analyzed } from './documents';
import { logError } from './guard';

export const DEFAULT_DIAGNOSTICS_DELAY = 150;

export class DiagnosticsPublisher {
  /** Each document's pending publish, by how to cancel it. */
  private readonly pending = new Map<string, () => void>();

  constructor(
    private readonly ctx: ServerContext, private readonly delay: number,
    /** Told of each analysis published (server.ts starts the derivation worker when one has something to derive). */
    private readonly published: (analyzed: Analyzed) => void = () => undefined,
  ) {}

  /** (Re)starts the document's timer: a burst of keystrokes is analysed once, after the last one. */
  schedule(uri: string): void {
    this.cancel(uri);
    const run = (): void => {
      this.pending.delete(uri);
      this.publish(uri).catch((e: unknown) => logError(this.ctx.connection, 'diagnostics', e));
    };
    // No delay means right after the messages already read, not a timer: Node's timers wait at least 1 ms.
    if (this.delay > 0) {
      const t = setTimeout(run, this.delay);
      this.pending.set(uri, () => clearTimeout(t));
    } else {
      const i = setImmediate(run);
      this.pending.set(uri, () => clearImmediate(i));
    }
  }

  scheduleAll(): void {
    for (const d of this.ctx.store.all()) this.schedule(d.uri);
  }

  /** The document was closed: stop its timer and clear what it showed. */
  clear(uri: string): void {
    this.cancel(uri);
    void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  dispose(): void {
    for (const cancel of this.pending.values()) cancel();
    this.pending.clear();
  }

  private cancel(uri: string): void {
    this.pending.get(uri)?.();
    this.pending.delete(uri);
  }

  private async publish(uri: string): Promise<void> {
    const analyzed = await this.ctx.store.analysis(uri);
    if (!analyzed) return;
    // Versions are compared right before publishing: while the settings were fetched (or the analysis ran) the
    // document may have changed, and then the newer version's own run publishes instead.
    const now = this.ctx.store.get(uri);
    if (!now || now.version !== analyzed.version) return;
    const diagnostics = analyzed.analysis.diagnostics.map((d) => analyzed.convert.diagnostic(d, analyzed.version));
    await this.ctx.connection.sendDiagnostics({ uri, version: analyzed.version, diagnostics });
    this.published(analyzed);
  }
}
