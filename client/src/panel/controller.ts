// The gradient panel beside the editor: one webview showing ∂f/∂X for a document, kept up to date as it changes.
import * as vscode from 'vscode';
import type { DeriveResponse, FromPanelMessage, InsertFormat, PanelTarget, ToPanelMessage } from '../../../server/src/protocol';
import { findDocument, insertGradient, latexEquation, requestDerive } from '../insert';
import type { ServerClient } from '../server-client';
import { makeNonce, panelHtml } from './html';

export const PANEL_VIEW_TYPE = 'mcalc.gradient';

/** How long typing must pause before the panel derives again. */
const REFRESH_DELAY_MS = 300;

export class GradientPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private target: PanelTarget | undefined;
  private last: ToPanelMessage | undefined;
  /** The last result shown: a reloaded page (the panel was hidden) gets it back even while a refresh is pending. */
  private lastResult: ToPanelMessage | undefined;
  /** The derivation in flight, cancelled when a newer one starts: the server queues them otherwise. */
  private inFlight: vscode.CancellationTokenSource | undefined;
  /** Each refresh takes a number; an answer for an older one is dropped (the document moved on). */
  private generation = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly rendered = new vscode.EventEmitter<ToPanelMessage>();
  /** Fires with every message sent to the webview (the test API listens). */
  readonly onDidPost = this.rendered.event;
  private readonly disposables: vscode.Disposable[] = [this.rendered];
  private readonly panelDisposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri, private readonly client: ServerClient, private readonly output: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && e.document.uri.toString() === this.target?.uri && e.contentChanges.length > 0) this.scheduleRefresh();
      }),
      // An untitled document that is closed is gone: nothing can bring it back.
      vscode.workspace.onDidCloseTextDocument((d) => {
        const target = this.target;
        if (target && d.uri.toString() === target.uri && d.isUntitled) void this.post({ type: 'detached', target, reason: `${d.uri.path} was closed` });
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (this.panel && e.affectsConfiguration('mcalc')) this.scheduleRefresh();
      }),
      // A restarted server (after a crash, or Restart Server) answers again: show what it says.
      client.onDidStart(() => {
        if (this.panel) this.scheduleRefresh();
      }),
    );
  }

  get current(): { readonly target: PanelTarget; readonly last: ToPanelMessage | undefined } | undefined {
    return this.panel && this.target ? { target: this.target, last: this.last } : undefined;
  }

  /** The live webview's options (the security test checks its resource roots). */
  get webviewOptionsInUse(): vscode.WebviewOptions | undefined {
    return this.panel?.webview.options;
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Shows ∂f/∂X, creating the panel beside the editor (without taking focus) or reusing it. */
  async show(target: PanelTarget): Promise<void> {
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(
        PANEL_VIEW_TYPE, this.title(target), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.webviewOptions(),
      );
      this.adopt(panel);
    } else {
      this.panel.reveal(undefined, true);
    }
    this.target = target;
    await this.refresh();
  }

  /** A panel VS Code restored after a reload (the serializer), with the target its webview saved. */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    this.panel?.dispose();
    this.adopt(panel);
    if (isPanelTarget(state)) {
      this.target = state;
      // Not awaited: VS Code shows the restored panel only once this returns, and the derivation waits for the
      // language server, which is still starting while the window reloads.
      void this.refresh();
    }
  }

  reveal(): void {
    this.panel?.reveal(undefined, true);
  }

  /** What a click in the webview does; also the test API's way in. Failures are shown, never lost. */
  async receive(message: FromPanelMessage): Promise<void> {
    try {
      await this.handle(message);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      this.output.error(`mcalc panel: ${message.type} failed: ${e instanceof Error ? (e.stack ?? why) : why}`);
      void vscode.window.showWarningMessage(`mcalc: ${message.type} failed: ${why}`);
    }
  }

  private async handle(message: FromPanelMessage): Promise<void> {
    // The page is ours, but its messages are checked like any input.
    const format = (message as { format?: unknown }).format;
    if ((message.type === 'insert' || message.type === 'copy') && format !== 'mcalc' && format !== 'latex' && format !== 'numpy') return;
    switch (message.type) {
      case 'ready':
        if (this.lastResult && this.lastResult !== this.last) await this.panel?.webview.postMessage(this.lastResult);
        if (this.last) await this.panel?.webview.postMessage(this.last);
        return;
      case 'insert':
        if (this.target) await insertGradient(this.client, this.target, message.format);
        return;
      case 'copy':
        await this.copy(message.format);
        return;
      case 'retarget':
        if (this.target && typeof message.of === 'string' && typeof message.wrt === 'string') {
          await this.show({ uri: this.target.uri, of: message.of, wrt: message.wrt });
        }
        return;
    }
  }

  private async copy(format: InsertFormat): Promise<void> {
    const last = this.lastResult;
    const r = last?.type === 'result' ? last.response.result : undefined;
    if (!last || !r) return;
    const text = format === 'latex' ? latexEquation(last.target.of, last.target.wrt, r.latex)
      : format === 'numpy' ? r.numpy
        : `∂${last.target.of}/∂${last.target.wrt} = ${r.mcalc}`;
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(`mcalc: copied ${format === 'latex' ? 'LaTeX' : format === 'numpy' ? 'NumPy' : 'mcalc'}`, 3000);
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.webview.options = this.webviewOptions();
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
    panel.webview.html = this.html(panel.webview);
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((m: FromPanelMessage) => void this.receive(m)),
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.target = undefined;
        this.last = undefined;
        this.lastResult = undefined;
        clearTimeout(this.refreshTimer);
        this.inFlight?.cancel();
        for (const d of this.panelDisposables.splice(0)) d.dispose();
      }),
    );
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      // Only our built assets: the page script, its stylesheet and KaTeX's CSS and fonts.
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private html(webview: vscode.Webview): string {
    const asset = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    return panelHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: asset('dist', 'webview.js'),
      katexCssUri: asset('media', 'katex', 'katex.min.css'),
      panelCssUri: asset('media', 'panel.css'),
      title: 'mcalc gradient',
    });
  }

  private title(target: PanelTarget): string {
    return `∂${target.of}/∂${target.wrt}`;
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  private async refresh(): Promise<void> {
    const target = this.target;
    const panel = this.panel;
    if (!target || !panel) return;
    const generation = ++this.generation;
    this.inFlight?.cancel();
    const cancel = (this.inFlight = new vscode.CancellationTokenSource());
    panel.title = this.title(target);
    const fileName = fileNameOf(target.uri);
    await this.post({ type: 'pending', target, fileName });
    const document = await findDocument(target.uri);
    if (!document) {
      await this.post({ type: 'detached', target, reason: `${fileName} is closed or no longer exists` });
      return;
    }
    let message: ToPanelMessage;
    try {
      const response = await requestDerive(this.client, target, document, cancel.token);
      message = { type: 'result', target, fileName, languageId: document.languageId, response };
    } catch (e) {
      // Superseded (a newer refresh cancelled this one): that one will answer.
      if (cancel.token.isCancellationRequested) return;
      // The server could not answer (stopped, restarting): say so; its restart triggers a refresh.
      const error = `the language server did not answer: ${e instanceof Error ? e.message : String(e)}`;
      const response: DeriveResponse = { of: target.of, wrt: target.wrt, fShape: '', symbols: [], error, version: null };
      message = { type: 'result', target, fileName, languageId: document.languageId, response };
    } finally {
      if (this.inFlight === cancel) this.inFlight = undefined;
      cancel.dispose();
    }
    if (generation !== this.generation || this.panel !== panel) return;
    await this.post(message);
  }

  private async post(message: ToPanelMessage): Promise<void> {
    this.last = message;
    if (message.type === 'result') this.lastResult = message;
    // A webview not yet loaded (or reloaded after being hidden) drops messages; it asks with 'ready' and then gets
    // the last result and the last status.
    await this.panel?.webview.postMessage(message);
    this.rendered.fire(message);
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    this.inFlight?.cancel();
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function fileNameOf(uri: string): string {
  const path = vscode.Uri.parse(uri).path;
  return path.slice(path.lastIndexOf('/') + 1) || uri;
}

function isPanelTarget(v: unknown): v is PanelTarget {
  const t = v as Partial<PanelTarget> | undefined;
  return typeof t?.uri === 'string' && typeof t.of === 'string' && typeof t.wrt === 'string';
}
