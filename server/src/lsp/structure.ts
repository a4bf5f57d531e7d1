// Document symbols and folding ranges: the outline of a derivation (and of a note's mcalc blocks).
import {
  SymbolKind, type DocumentSymbol, type DocumentSymbolParams, type FoldingRange, type FoldingRangeParams,
} from 'vscode-languageserver';
import type { ServerContext } from './context';
import { documentSymbols as querySymbols, foldingRanges as queryFolding, type DocumentSymbol as QuerySymbol } from '../core/queries';

const SYMBOL_KIND: Record<QuerySymbol['kind'], SymbolKind> = {
  matrix: SymbolKind.Variable,
  vector: SymbolKind.Array,
  scalar: SymbolKind.Number,
  definition: SymbolKind.Function,
  gradient: SymbolKind.Operator,
  claim: SymbolKind.Property,
  size: SymbolKind.TypeParameter,
};

export async function documentSymbols(ctx: ServerContext, params: DocumentSymbolParams): Promise<DocumentSymbol[]> {
  const analyzed = await ctx.store.analysis(params.textDocument.uri);
  if (!analyzed) return [];
  const { convert } = analyzed;
  return querySymbols(analyzed.analysis).map((s) => ({
    name: s.name,
    detail: s.detail,
    kind: SYMBOL_KIND[s.kind],
    range: convert.range(s.span),
    selectionRange: convert.range(s.selectionSpan),
  }));
}

export async function foldingRanges(ctx: ServerContext, params: FoldingRangeParams): Promise<FoldingRange[]> {
  const analyzed = await ctx.store.analysis(params.textDocument.uri);
  if (!analyzed) return [];
  const { convert } = analyzed;
  return queryFolding(analyzed.analysis)
    .map((s) => ({ startLine: convert.position(s.start).line, endLine: convert.position(s.end).line }))
    .filter((r) => r.endLine > r.startLine);
}
