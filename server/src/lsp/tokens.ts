// textDocument/semanticTokens/full: matrices, vectors, scalars and sizes coloured by what they are.
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend, type SemanticTokensParams } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { semanticTokens as queryTokens, type SemanticToken } from '../core/queries';

/** Every token type the queries produce, each once (the Record makes a missing one a compile error). */
const TYPE_INDEX: Record<SemanticToken['type'], number> = {
  matrix: 0, vector: 1, scalar: 2, size: 3, function: 4, property: 5, keyword: 6,
};

export const LEGEND: SemanticTokensLegend = {
  tokenTypes: Object.entries(TYPE_INDEX).sort((a, b) => a[1] - b[1]).map(([t]) => t),
  tokenModifiers: ['declaration'],
};

export async function semanticTokens(ctx: ServerContext, params: SemanticTokensParams): Promise<SemanticTokens> {
  const analyzed = await ctx.store.analysis(params.textDocument.uri);
  if (!analyzed) return { data: [] };
  const builder = new SemanticTokensBuilder();
  for (const t of queryTokens(analyzed.analysis)) {
    const start = analyzed.convert.position(t.span.start);
    builder.push(start.line, start.character, t.span.end - t.span.start, TYPE_INDEX[t.type], t.declaration ? 1 : 0);
  }
  return builder.build();
}
