// textDocument/inlayHint: the inferred shape after each definition (setting mcalc.inlayHints.enabled).
import { InlayHintKind, type InlayHint, type InlayHintParams } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { inlayHints as queryInlayHints } from '../core/queries';

export async function inlayHints(ctx: ServerContext, params: InlayHintParams): Promise<InlayHint[]> {
  const analyzed = await ctx.store.analysis(params.textDocument.uri);
  if (!analyzed || !analyzed.settings.inlayHints.enabled) return [];
  const { convert } = analyzed;
  return queryInlayHints(analyzed.analysis, convert.span(params.range)).map((h) => ({
    position: convert.position(h.offset),
    label: h.label,
    kind: InlayHintKind.Type,
    ...(h.tooltip ? { tooltip: h.tooltip } : {}),
  }));
}
