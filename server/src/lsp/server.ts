// The language server's shell: capabilities, document events, and every request routed to its (guarded) handler.
import {
  DidChangeConfigurationNotification, TextDocumentSyncKind,
  type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver';
import { version } from '../cli/version';
import type { Analysis } from '../core';
import { DERIVE_REQUEST, SERVER_INFO_REQUEST, type DeriveParams, type McalcInitializationOptions, type ServerInfo } from '../protocol';
import { CODE_ACTION_KINDS, codeActions, resolveCodeAction } from './codeActions';
import { executeCommand, SERVER_COMMANDS } from './commands';
import { DerivationPool } from './derive-pool';
import { COMPLETION_TRIGGERS, completion, SIGNATURE_TRIGGERS, signatureHelp } from './completion';
import { SettingsStore } from './config';
import { clientFeatures, type ServerContext } from './context';
import { deriveRequest } from './derive';
import { DEFAULT_DIAGNOSTICS_DELAY, DiagnosticsPublisher } from './diagnostics';
import { DocumentStore } from './documents';
import { guard, guardNotification, guardWith } from './guard';
import { hover } from './hover';
import { inlayHints } from './inlayHints';
import { definition, prepareRename, references, rename } from './navigation';
import { documentSymbols, foldingRanges } from './structure';
import { LEGEND, semanticTokens } from './tokens';

export function startServer(connection: Connection): void {
  let ctx: ServerContext | undefined;
  let diagnostics: DiagnosticsPublisher | undefined;
  const need = (): ServerContext => {
    if (!ctx) throw new Error('request before initialize');
    return ctx;
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const client = clientFeatures(params.capabilities);
    const settings = new SettingsStore(connection, client.configuration);
    const store = new DocumentStore(settings);
    ctx = { connection, store, settings, client, derivations: new DerivationPool() };
    const options = (params.initializationOptions ?? {}) as McalcInitializationOptions;
    const delay = typeof options.diagnosticsDelay === 'number' && options.diagnosticsDelay >= 0 ? options.diagnosticsDelay : DEFAULT_DIAGNOSTICS_DELAY;
    const pool = ctx.derivations;
    let warming: ReturnType<typeof setTimeout> | undefined;
    diagnostics = new DiagnosticsPublisher(ctx, delay, (analyzed) => {
      // A document with something to derive is open: once its analysis is out of the way, start the derivation
      // worker, so that the first gradient (a code action, the panel, a hover on a grad line) does not wait for it
      // to load. A note with no mcalc in it never starts one (it costs ~16 MB).
      if (warming === undefined && hasDerivable(analyzed.analysis)) warming = setTimeout(() => pool.warm(), WARM_WORKER_AFTER_MS).unref();
    });
    wireDocuments(ctx, diagnostics);
    return {
      serverInfo: { name: 'mcalc-language-server', version },
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        inlayHintProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
        signatureHelpProvider: { triggerCharacters: SIGNATURE_TRIGGERS },
        semanticTokensProvider: { legend: LEGEND, full: true },
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: true },
        executeCommandProvider: { commands: [...SERVER_COMMANDS] },
      },
    };
  });

  connection.onInitialized(() => {
    if (ctx?.client.configuration && ctx.client.dynamicConfiguration) {
      // Pull-model clients send didChangeConfiguration only when asked to.
      void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    }
  });

  connection.onDidChangeConfiguration(guardNotification(connection, 'didChangeConfiguration', (params) => {
    const c = need();
    c.settings.changed(params.settings);
    diagnostics?.scheduleAll();
    if (c.client.inlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
  }));

  const languages = connection.languages;
  connection.onHover(guard(connection, 'hover', null, (p, t) => hover(need(), p, t)));
  languages.inlayHint.on(guard(connection, 'inlayHint', [], (p) => inlayHints(need(), p)));
  connection.onDefinition(guard(connection, 'definition', null, (p) => definition(need(), p)));
  connection.onReferences(guard(connection, 'references', [], (p) => references(need(), p)));
  connection.onPrepareRename(guard(connection, 'prepareRename', null, (p) => prepareRename(need(), p)));
  connection.onRenameRequest(guard(connection, 'rename', null, (p) => rename(need(), p)));
  connection.onDocumentSymbol(guard(connection, 'documentSymbol', [], (p) => documentSymbols(need(), p)));
  connection.onCompletion(guard(connection, 'completion', [], (p) => completion(need(), p)));
  connection.onSignatureHelp(guard(connection, 'signatureHelp', null, (p) => signatureHelp(need(), p)));
  languages.semanticTokens.on(guard(connection, 'semanticTokens', { data: [] }, (p) => semanticTokens(need(), p)));
  connection.onFoldingRanges(guard(connection, 'foldingRange', [], (p) => foldingRanges(need(), p)));
  connection.onCodeAction(guard(connection, 'codeAction', [], (p, t) => codeActions(need(), p, t)));
  connection.onCodeActionResolve(guardWith(connection, 'codeAction/resolve', (a) => a, (a) => resolveCodeAction(need(), a)));
  connection.onExecuteCommand(guard(connection, 'executeCommand', null, (p, t) => executeCommand(need(), p, t)));
  connection.onRequest(DERIVE_REQUEST, guard(connection, DERIVE_REQUEST, null, (p: DeriveParams, t) => deriveRequest(need(), p, t)));
  connection.onRequest(SERVER_INFO_REQUEST, (): ServerInfo => ({ pid: process.pid, version, derivationWorker: ctx?.derivations.running === true }));

  connection.onShutdown(() => {
    diagnostics?.dispose();
    ctx?.derivations.dispose();
  });
  connection.listen();
}

/** How long after the first analysis with something to derive the derivation worker is started (derive-pool.ts, `warm`). */
const WARM_WORKER_AFTER_MS = 500;

/** Whether an analysis has a statement one could differentiate or ask about: a definition, a grad line, a claim. */
function hasDerivable(analysis: Analysis): boolean {
  return analysis.statements.some((s) => s.kind !== 'declaration');
}

function wireDocuments(ctx: ServerContext, diagnostics: DiagnosticsPublisher): void {
  const { store, connection } = ctx;
  store.documents.onDidOpen(({ document }) => diagnostics.schedule(document.uri));
  store.documents.onDidChangeContent(({ document }) => diagnostics.schedule(document.uri));
  store.documents.onDidClose(({ document }) => {
    store.forget(document.uri);
    ctx.settings.forget(document.uri);
    diagnostics.clear(document.uri);
  });
  store.documents.listen(connection);
}
