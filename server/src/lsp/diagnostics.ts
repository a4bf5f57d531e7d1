// Diagnostics pushed on open and change: debounced per document, and never for a version older than the document's.
import type { ServerContext } from './context';
import { logError } from './guard';

export const DEFAULT_DIAGNOSTICS_DELAY = 150;

export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly ctx: ServerContext, private readonly delay: number) {}

  /** (Re)starts the document's timer: a burst of keystrokes is analysed once, after the last one. */
  schedule(uri: string): void {
    this.cancel(uri);
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      this.publish(uri).catch((e: unknown) => logError(this.ctx.connection, 'diagnostics', e));
    }, this.delay));
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
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
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
  }
}
