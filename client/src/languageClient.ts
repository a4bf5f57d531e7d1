// Starts the bundled language server (dist/server.js) over IPC for .mcalc files and Markdown notes. The entry point of
// dist/language-client.js: vscode-languageclient is a third of the extension's code, so it is loaded only after
// activate() has returned (server-client.ts), and nothing else imports its values.
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { McalcInitializationOptions } from '../../server/src/protocol';
import type { DeriveMiddleware } from './derive-actions';
import type { StartedClient } from './server-client';

const SCHEMES = ['file', 'untitled', 'vscode-vfs', 'vscode-remote'];

/** The settings section; vscode-languageclient also reads `mcalc.trace.server` from it. */
export const CLIENT_ID = 'mcalc';

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel, middleware?: DeriveMiddleware): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const initializationOptions: McalcInitializationOptions = {};
  const clientOptions: LanguageClientOptions = {
    // Files, untitled documents and virtual file systems (the server never reads files itself) — but not git: diff
    // sides or review comments, whose Markdown would report a note's problems twice.
    documentSelector: SCHEMES.flatMap((scheme) => [{ scheme, language: 'mcalc' }, { scheme, language: 'markdown' }]),
    outputChannel: output,
    initializationOptions,
    // The derive actions open the panel when their edit is applied, not by a command (derive-actions.ts says why).
    ...(middleware ? { middleware } : {}),
    // The default error handler restarts a server that dies (up to 4 times in 3 minutes), which is what we want.
  };
  return new LanguageClient(CLIENT_ID, 'mcalc language server', serverOptions, clientOptions);
}

/** The language client behind the small interface the rest of the extension uses (server-client.ts). */
export function startableClient(
  context: vscode.ExtensionContext, output: vscode.OutputChannel, onDidStart: () => void, middleware?: DeriveMiddleware,
): StartedClient & vscode.Disposable & { start(): Promise<void> } {
  const client = createLanguageClient(context, output, middleware);
  // Running again after having been down (a crash, a restart), or for the first time.
  const listener = client.onDidChangeState((e) => {
    if (e.newState === State.Running && e.oldState !== State.Running) onDidStart();
  });
  return {
    start: () => client.start(),
    sendRequest: <R>(method: string, params?: object, token?: vscode.CancellationToken) => send<R>(client, method, params, token),
    restart: async () => {
      // restart() stops first, which vscode-languageclient refuses for a server that never started.
      if (client.state === State.Running) await client.restart();
      else await client.start();
    },
    stop: async () => {
      // stop() throws for a client that is not running (it never started, or is restarting).
      if (client.state === State.Running) await client.stop();
    },
    dispose: () => listener.dispose(),
  };
}

/** Only the arguments given: vscode-jsonrpc sends an undefined argument as a parameter of its own (null). */
function send<R>(client: LanguageClient, method: string, params?: object, token?: vscode.CancellationToken): Promise<R> {
  if (params === undefined) return token ? client.sendRequest<R>(method, token) : client.sendRequest<R>(method);
  return token ? client.sendRequest<R>(method, params, token) : client.sendRequest<R>(method, params);
}
