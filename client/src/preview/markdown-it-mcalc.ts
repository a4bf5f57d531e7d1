// The markdown-it plugin of VS Code's Markdown preview: ```mcalc and ~~~mcalc fences shown as typeset statements with
// their inferred shapes and diagnostics, read in the scope of the whole note. Plain markdown-it, no `vscode`, so that
// it runs and is tested in Node as it is. The entry point of dist/preview.js, which VS Code's first Markdown render loads.
import type MarkdownIt from 'markdown-it';
import { isMcalcInfo } from '../../../server/src/core/documents/markdown';
import { blockViews, PREVIEW_LIMITS, type BlockView, type PreviewLimits } from './block-view';
import { cachedTypesetter, renderBlock } from './render-block';

type Token = MarkdownIt.Token;

export interface McalcMarkdownItOptions {
  /** Told of any error the plugin recovered from by falling back to the plain code block (a bug: worth a log line). */
  readonly onError?: (error: unknown) => void;
  /** How much of a note is analysed and typeset (block-view.ts). */
  readonly limits?: PreviewLimits;
}

/**
 * The view of each mcalc fence token, made when the note is parsed. VS Code caches a document's tokens and renders
 * them again with a new `env`, so the views travel with the tokens themselves (and die with them).
 */
const views = new WeakMap<Token, BlockView>();

const ATTRIBUTE_NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*$/;

export function mcalcMarkdownIt(md: MarkdownIt, options: McalcMarkdownItOptions = {}): void {
  const report = (error: unknown): void => {
    try {
      options.onError?.(error);
    } catch {
      // A failing logger must not break the preview either.
    }
  };

  // After the block rules: one analysis of the note (state.src, already normalised to LF) for all its fences.
  md.core.ruler.push('mcalc', (state) => {
    try {
      const fences = state.tokens.filter((t) => t.type === 'fence' && t.map && isMcalcInfo(t.info));
      if (fences.length === 0) return;
      const blocks = blockViews(state.src, options.limits ?? PREVIEW_LIMITS);
      for (const t of fences) {
        // Matched by the opening fence's line: a fence the core did not find keeps the default rendering.
        const view = blocks.get(t.map![0]);
        if (view) views.set(t, view);
      }
    } catch (e) {
      report(e);
    }
  });

  const typeset = cachedTypesetter();
  const fallback: MarkdownIt.Renderer.RenderRule = md.renderer.rules.fence
    ?? ((tokens, idx, opts, _env, self) => self.renderToken(tokens, idx, opts));
  md.renderer.rules.fence = (tokens, idx, opts, env, self) => {
    const token = tokens[idx]!;
    const view = views.get(token);
    if (view) {
      try {
        return renderBlock(view, md.utils.escapeHtml, typeset, blockAttrs(token, md.utils.escapeHtml));
      } catch (e) {
        report(e);
      }
    }
    return fallback(tokens, idx, opts, env, self);
  };
}

/** The fence token's attributes (VS Code's preview puts `class="code-line" data-line="N"` there for scroll sync). */
function blockAttrs(token: Token, escape: (s: string) => string): { className: string; rest: string } {
  let className = '';
  let rest = '';
  for (const [name, value] of token.attrs ?? []) {
    if (name === 'class') className = value;
    else if (ATTRIBUTE_NAME.test(name)) rest += ` ${name}="${escape(value)}"`;
  }
  return { className, rest };
}
