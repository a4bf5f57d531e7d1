// The mcalc extension: starts the language server, the gradient panel and the commands; extends the Markdown preview.
// Activation loads only this bundle: the language client follows on the next turn of the event loop, the preview
// plugin and the quick pick's analysis on first use (bundles.ts).
import * as vscode from 'vscode';
import type MarkdownIt from 'markdown-it';
import { SERVER_INFO_REQUEST, type FromPanelMessage, type ServerInfo } from '../../server/src/protocol';
import type { McalcApi } from './api';
import { languageClientBundle, previewBundle } from './bundles';
import { registerCommands } from './commands';
import { DeriveActions } from './derive-actions';
import { GradientPanel, PANEL_VIEW_TYPE } from './panel/controller';
import { DeactivatedBeforeLoad, ServerClient } from './server-client';

let client: ServerClient | undefined;

/** Set by the bundle's first line (scripts/build.mjs): when VS Code started loading the extension's code. */
declare const __mcalcBundleStart: number | undefined;
/** Loading the code ends here (every import has run); VS Code calls activate() some time later. */
const codeLoaded = performance.now();

export async function activate(context: vscode.ExtensionContext): Promise<McalcApi> {
  const activationStarted = performance.now();
  const output = vscode.window.createOutputChannel('mcalc', { log: true });
  const deriveActions = new DeriveActions();
  const serverClient = new ServerClient((onDidStart) => languageClientBundle().startableClient(context, output, onDidStart, deriveActions.middleware));
  client = serverClient;
  const panel = new GradientPanel(context.extensionUri, serverClient, output);
  context.subscriptions.push(
    output,
    serverClient,
    panel,
    deriveActions,
    deriveActions.onDidApply((target) => void panel.show(target)),
    ...registerCommands(serverClient, panel),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (webviewPanel, state) => panel.restore(webviewPanel, state),
    }),
  );
  // Not awaited: activation must not wait for the server process; requests queue until it is up.
  const started = serverClient.whenStarted.catch((e: unknown) => {
    // Deactivated first (the output channel is gone with it): not a failure to report.
    if (e instanceof DeactivatedBeforeLoad) throw e;
    output.error(`mcalc: the language server did not start: ${e instanceof Error ? e.message : String(e)}`);
    throw e;
  });
  // Reported above; the test API re-reads the rejection, nobody else waits on it.
  started.catch(() => undefined);

  // As VS Code counts it: loading the code plus the activate() call (not the wait between them, which is VS Code's).
  const bundleStart = typeof __mcalcBundleStart === 'number' ? __mcalcBundleStart : codeLoaded;
  const loadMs = codeLoaded - bundleStart;
  const activationMs = loadMs + (performance.now() - activationStarted);
  const extendMarkdownIt = (md: MarkdownIt): MarkdownIt => {
    let plugin: ReturnType<typeof previewBundle>['mcalcMarkdownIt'];
    try {
      // Required here, when VS Code first builds its Markdown renderer: KaTeX and the core are most of the extension.
      plugin = previewBundle().mcalcMarkdownIt;
    } catch (e) {
      output.error(`mcalc preview: the plugin did not load: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return md;
    }
    return md.use(plugin, {
      // The plugin falls back to a plain code block on any error; the log says why.
      onError: (e: unknown) => output.warn(`mcalc preview: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
    });
  };
  // The test API acts as the panel's buttons and reads the panel's content: not for other extensions in production.
  if (context.extensionMode === vscode.ExtensionMode.Production) return { extendMarkdownIt };
  const serverReadyTimes = started.then(() => ({ readyMs: performance.now() - bundleStart, clientLoadMs: serverClient.loadMs ?? 0 }));
  serverReadyTimes.catch(() => undefined);
  return {
    extendMarkdownIt,
    test: {
      activationMs,
      loadMs,
      whenServerReady: () => started,
      serverReadyTimes: () => serverReadyTimes,
      serverInfo: () => serverClient.sendRequest<ServerInfo>(SERVER_INFO_REQUEST),
      panel: {
        current: () => panel.current,
        webview: () => {
          const options = panel.webviewOptionsInUse;
          return options && { enableScripts: options.enableScripts === true, localResourceRoots: (options.localResourceRoots ?? []).map((u) => u.fsPath) };
        },
        onDidPost: panel.onDidPost,
        receive: (message: FromPanelMessage) => panel.receive(message),
      },
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
