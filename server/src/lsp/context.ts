// What every handler gets: the connection, the documents with their analyses, the settings, the client's abilities.
import type { DerivationPool } from './derive-pool';
import type { ClientCapabilities, Connection } from 'vscode-languageserver';
import type { SettingsStore } from './config';
import type { DocumentStore } from './documents';

/** The client capabilities the handlers act on, read once at initialize. */
export interface ClientFeatures {
  /** WorkspaceEdit.documentChanges (versioned edits, which the client refuses when stale). */
  readonly documentChanges: boolean;
  /** workspace/configuration (settings pulled per resource). */
  readonly configuration: boolean;
  readonly dynamicConfiguration: boolean;
  readonly applyEdit: boolean;
  readonly inlayHintRefresh: boolean;
  readonly snippets: boolean;
  readonly markdownHover: boolean;
  /** codeAction/resolve can fill in `edit` (derive actions are then computed only when chosen). */
  readonly resolveCodeActionEdit: boolean;
}

export function clientFeatures(c: ClientCapabilities): ClientFeatures {
  return {
    documentChanges: c.workspace?.workspaceEdit?.documentChanges === true,
    configuration: c.workspace?.configuration === true,
    dynamicConfiguration: c.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    applyEdit: c.workspace?.applyEdit === true,
    inlayHintRefresh: c.workspace?.inlayHint?.refreshSupport === true,
    snippets: c.textDocument?.completion?.completionItem?.snippetSupport === true,
    markdownHover: c.textDocument?.hover?.contentFormat?.includes('markdown') ?? true,
    resolveCodeActionEdit: c.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true
      && c.textDocument.codeAction.dataSupport === true,
  };
}

export interface ServerContext {
  readonly connection: Connection;
  readonly store: DocumentStore;
  readonly settings: SettingsStore;
  readonly client: ClientFeatures;
  /** Where derivations run: a worker thread, so the server answers other requests meanwhile. */
  readonly derivations: DerivationPool;
}
