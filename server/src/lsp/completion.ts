// Completion (names, functions, `\otimes`-style symbols) and signature help for function calls.
import {
  CompletionItemKind, InsertTextFormat, MarkupKind,
  type CompletionItem, type CompletionParams, type ParameterInformation, type SignatureHelp, type SignatureHelpParams,
} from 'vscode-languageserver';
import type { ServerContext } from './context';
import { completionsAt, signatureHelpAt, type CompletionItem as QueryItem } from '../core/queries';

export const COMPLETION_TRIGGERS = ['\\', '(', ','];
export const SIGNATURE_TRIGGERS = ['(', ','];

const ITEM_KIND: Record<QueryItem['kind'], CompletionItemKind> = {
  symbol: CompletionItemKind.Variable,
  definition: CompletionItemKind.Field,
  size: CompletionItemKind.TypeParameter,
  function: CompletionItemKind.Function,
  keyword: CompletionItemKind.Keyword,
  property: CompletionItemKind.Property,
  operator: CompletionItemKind.Operator,
};

export async function completion(ctx: ServerContext, params: CompletionParams): Promise<CompletionItem[]> {
  const analyzed = await ctx.store.analysis(params.textDocument.uri);
  if (!analyzed) return [];
  const { convert } = analyzed;
  return completionsAt(analyzed.analysis, convert.offset(params.position)).map((q) => {
    // A snippet degrades to its plain text for clients without snippet support ($1 and ${1:x} dropped).
    const snippet = q.snippet === true && ctx.client.snippets;
    const text = q.insertText ?? q.label;
    const newText = q.snippet && !snippet ? text.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '') : text;
    const item: CompletionItem = { label: q.label, kind: ITEM_KIND[q.kind] };
    if (q.detail) item.detail = q.detail;
    if (q.documentation) item.documentation = { kind: MarkupKind.Markdown, value: q.documentation };
    if (snippet) item.insertTextFormat = InsertTextFormat.Snippet;
    if (q.replaceSpan) {
      item.textEdit = { range: convert.range(q.replaceSpan), newText };
    } else if (newText !== q.label) item.insertText = newText;
    return item;
  });
}

export async function signatureHelp(ctx: ServerContext, params: SignatureHelpParams): Promise<SignatureHelp | null> {
  const analyzed = await ctx.store.analysis(params.textDocument.uri);
  if (!analyzed) return null;
  const help = signatureHelpAt(analyzed.analysis, analyzed.convert.offset(params.position));
  if (!help) return null;
  return {
    signatures: [{
      label: help.label,
      documentation: { kind: MarkupKind.Markdown, value: help.documentation },
      parameters: parameterLabels(help.label, help.parameters),
    }],
    activeSignature: 0,
    activeParameter: help.activeParameter,
  };
}

/** Parameters as [start, end) offsets into the label, so the client highlights the right one even if two read alike. */
function parameterLabels(label: string, parameters: readonly string[]): ParameterInformation[] {
  let from = label.indexOf('(') + 1;
  return parameters.map((p) => {
    const at = label.indexOf(p, from);
    if (at < 0) return { label: p };
    from = at + p.length;
    return { label: [at, at + p.length] };
  });
}
