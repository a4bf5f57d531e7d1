// The mcalc extension: starts the language server, the gradient panel and the commands; extends the Markdown preview.
import * as vscode from 'vscode';
import type MarkdownIt from 'markdown-it';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { SERVER_INFO_REQUEST, type FromPanelMessage, type ServerInfo } from '../../server/src/protocol';
import { registerCommands } from './commands';
import { createLanguageClient } from './languageClient';
import { GradientPanel, PANEL_VIEW_TYPE } from './panel/controller';
import { mcalcMarkdownIt } from './preview/markdown-it-mcalc';
import type { McalcApi } from './api';

let client: LanguageClient | undefined;

/** Set by the bundle's first line (scripts/build.mjs): when VS Code started loading the extension's code. */
declare const __mcalcBundleStart: number | undefined;
/** Loading the code ends here (every import has run); VS Code calls activate() some time later. */
const codeLoaded = performance.now();

export async function activate(context: vscode.ExtensionContext): Promise<McalcApi> {
  const activationStarted = performance.now();
  const output = vscode.window.createOutputChannel('mcalc', { log: true });
  client = createLanguageClient(context, output);
  const languageClient = client;
  const panel = new GradientPanel(context.extensionUri, languageClient, output);
  context.subscriptions.push(
    output,
    panel,
    ...registerCommands(languageClient, panel),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (webviewPanel, state) => panel.restore(webviewPanel, state),
    }),
  );
  // Not awaited: activation must not wait for the server process; requests queue until it is up.
  const started = languageClient.start().catch((e: unknown) => {
    output.error(`mcalc: the language server did not start: ${e instanceof Error ? e.message : String(e)}`);
    throw e;
  });
  // Reported above; the test API re-reads the rejection, nobody else waits on it.
  started.catch(() => undefined);

  // As VS Code counts it: loading the code plus the activate() call (not the wait between them, which is VS Code's).
  const loadMs = typeof __mcalcBundleStart === 'number' ? codeLoaded - __mcalcBundleStart : 0;
  const activationMs = loadMs + (performance.now() - activationStarted);
  const extendMarkdownIt = (md: MarkdownIt): MarkdownIt => md.use(mcalcMarkdownIt, {
    // The plugin falls back to a plain code block on any error; the log says why.
    onError: (e: unknown) => output.warn(`mcalc preview: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
  });
  // The test API acts as the panel's buttons and reads the panel's content: not for other extensions in production.
  if (context.extensionMode === vscode.ExtensionMode.Production) return { extendMarkdownIt };
  return {
    extendMarkdownIt,
    test: {
      activationMs,
      loadMs,
      whenServerReady: () => started,
      serverInfo: () => languageClient.sendRequest<ServerInfo>(SERVER_INFO_REQUEST),
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
  // stop() throws for a client that is not running (it never started, or is restarting).
  if (client?.state === State.Running) await client.stop();
  client = undefined;
}
