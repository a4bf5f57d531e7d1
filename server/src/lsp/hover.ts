// textDocument/hover: the shape (and, on grad/claim lines, the derivative) of what is under the cursor.
import { MarkupKind, type CancellationToken, type Hover, type HoverParams } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { cancelled } from './guard';
import { hoverAt } from '../core/queries';

export async function hover(ctx: ServerContext, params: HoverParams, token: CancellationToken): Promise<Hover | null> {
  const analyzed = await ctx.store.analysis(params.textDocument.uri);
  if (!analyzed) return null;
  // Hover on a grad or claim line derives: let a cancellation (the mouse moved on) be read before that.
  if (await cancelled(token)) return null;
  const { check, gradient } = analyzed.settings;
  const info = hoverAt(analyzed.analysis, analyzed.convert.offset(params.position), {
    gradients: true, check: check.enabled, tolerance: check.tolerance, symmetric: gradient.symmetric,
  });
  if (!info) return null;
  return {
    contents: { kind: ctx.client.markdownHover ? MarkupKind.Markdown : MarkupKind.PlainText, value: info.markdown },
    range: analyzed.convert.range(info.span),
  };
}
