// Go to definition, references, rename: the query results as locations and edits of the same document.
import {
  ErrorCodes, ResponseError,
  type DefinitionParams, type Location, type PrepareRenameParams, type Range, type ReferenceParams, type RenameParams, type WorkspaceEdit,
} from 'vscode-languageserver';
import type { ServerContext } from './context';
import { documentEdit } from './convert';
import { definitionAt, prepareRenameAt, referencesAt, renameAt } from '../core/queries';

export async function definition(ctx: ServerContext, params: DefinitionParams): Promise<Location | null> {
  const analyzed = await ctx.store.analysis(params.textDocument.uri);
  if (!analyzed) return null;
  const found = definitionAt(analyzed.analysis, analyzed.convert.offset(params.position));
  return found && { uri: analyzed.uri, range: analyzed.convert.range(found.nameSpan) };
}

export async function references(ctx: ServerContext, params: ReferenceParams): Promise<Location[]> {
  const analyzed = await ctx.store.analysis(params.textDocument.uri);
  if (!analyzed) return [];
  const { convert } = analyzed;
  return referencesAt(analyzed.analysis, convert.offset(params.position), params.context.includeDeclaration)
    .map((s) => ({ uri: analyzed.uri, range: convert.range(s) }));
}

export async function prepareRename(ctx: ServerContext, params: PrepareRenameParams): Promise<{ range: Range; placeholder: string } | null> {
  const analyzed = await ctx.store.analysis(params.textDocument.uri);
  if (!analyzed) return null;
  const found = prepareRenameAt(analyzed.analysis, analyzed.convert.offset(params.position));
  return found && { range: analyzed.convert.range(found.span), placeholder: found.placeholder };
}

export async function rename(ctx: ServerContext, params: RenameParams): Promise<WorkspaceEdit | null | ResponseError<void>> {
  const analyzed = await ctx.store.analysis(params.textDocument.uri);
  if (!analyzed) return null;
  const out = renameAt(analyzed.analysis, analyzed.convert.offset(params.position), params.newName);
  // A refused rename (a taken name, a reserved word) is the user's to read, not a server fault.
  if ('error' in out) return new ResponseError(ErrorCodes.InvalidParams, out.error);
  const edits = out.edits.map((e) => analyzed.convert.textEdit(e));
  return documentEdit(analyzed.uri, analyzed.version, edits, ctx.client.documentChanges);
}
