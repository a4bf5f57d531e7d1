// textDocument/hover: the shape (and, on grad/claim lines, the derivative) of what is under the cursor.
import { MarkupKind, type CancellationToken, type Hover, type HoverParams } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { DerivationCancelled } from './derive-pool';
import { cancelled } from './guard';
import { hoverAt, type HoverInfo } from '../core/queries';
import { statementAt } from '../core/queries/context';

export async function hover(ctx: ServerContext, params: HoverParams, token: CancellationToken): Promise<Hover | null> {
  const analyzed = await ctx.store.analysis(params.textDocument.uri);
  if (!analyzed) return null;
  const { check, gradient } = analyzed.settings;
  const a = analyzed.analysis;
  const offset = analyzed.convert.offset(params.position);
  const options = { check: check.enabled, tolerance: check.tolerance, symmetric: gradient.symmetric };
  const kind = statementAt(a, offset)?.kind;
  let info: HoverInfo | null;
  if (kind === 'grad' || kind === 'claim') {
    // These derive and check: in the worker, so a long one holds up nothing else, and moving the mouse stops it.
    // Let a cancellation (the mouse moved on) be read before that. Other hovers answer at once (no pause).
    if (await cancelled(token)) return null;
    try {
      info = await ctx.derivations.run({ kind: 'hover', text: a.text, languageId: a.languageId, offset, ...options }, token);
    } catch (e) {
      if (e instanceof DerivationCancelled) return null;
      // The worker failed (timeout, memory): the hover without the derivation.
      info = hoverAt(a, offset, { gradients: false, ...options });
    }
  } else {
    info = hoverAt(a, offset, { gradients: true, ...options });
  }
  if (!info) return null;
  return {
    contents: { kind: ctx.client.markdownHover ? MarkupKind.Markdown : MarkupKind.PlainText, value: info.markdown },
    range: analyzed.convert.range(info.span),
  };
}
