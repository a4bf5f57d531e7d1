// Starts the bundled language server (dist/server.js) over IPC for .mcalc files and Markdown notes.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { McalcInitializationOptions } from '../../server/src/protocol';

const SCHEMES = ['file', 'untitled', 'vscode-vfs', 'vscode-remote'];

/** The settings section; vscode-languageclient also reads `mcalc.trace.server` from it. */
export const CLIENT_ID = 'mcalc';

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
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
    // The default error handler restarts a server that dies (up to 4 times in 3 minutes), which is what we want.
  };
  return new LanguageClient(CLIENT_ID, 'mcalc language server', serverOptions, clientOptions);
}
