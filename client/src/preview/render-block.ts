// The HTML of one mcalc block in the Markdown preview. Only KaTeX output (trust: false) is markup; every piece of the
// note's own text — source, comments, shapes, messages — goes through the escaper it is given.
import katex, { type KatexOptions } from 'katex';
import type { BlockView, DiagnosticView, ItemView } from './block-view';

export type Escape = (text: string) => string;
/** KaTeX's HTML for a statement's LaTeX, or undefined when KaTeX cannot read it. */
export type Typeset = (latex: string) => string | undefined;

const KATEX_OPTIONS: KatexOptions = {
  // No \href, \url, \includegraphics or \htmlClass: the preview is no place for links or markup from a formula.
  trust: false,
  // A formula KaTeX cannot read throws (katex.ParseError) and its source is shown instead, with no red KaTeX error.
  throwOnError: true,
  strict: 'ignore',
  // The MathML copy is what screen readers read; katex.min.css hides it visually.
  output: 'htmlAndMathml',
  // Inline, so that the statements line up on the left; \displaystyle (below) keeps fractions full size.
  displayMode: false,
};

/**
 * A block as a `<div>`, carrying `attrs` (already rendered, e.g. VS Code's `class="code-line" data-line="4"`).
 * Any error but KaTeX's own ParseError is thrown on, so that the caller falls back to a plain code block.
 */
export function renderBlock(
  view: BlockView, escape: Escape, typeset: Typeset, attrs: { className: string; rest: string },
): string {
  const out: string[] = [`<div class="mcalc-block${attrs.className ? ` ${escape(attrs.className)}` : ''}"${attrs.rest}>`];
  for (const item of view.items) out.push(renderItem(item, escape, typeset));
  if (view.diagnostics.length > 0) out.push(renderDiagnostics(view.diagnostics, escape));
  out.push('</div>\n');
  return out.join('');
}

function lineAttrs(line: number): string {
  // data-line and code-line let VS Code's scroll sync find each statement, not only the block.
  return ` data-mcalc-line="${line}" data-line="${line}"`;
}

function renderItem(item: ItemView, escape: Escape, typeset: Typeset): string {
  if (item.kind === 'comment') {
    return `<div class="mcalc-comment-line code-line"${lineAttrs(item.line)}>${escape(item.text)}</div>`;
  }
  const severity = worst(item.diagnostics);
  const classes = ['mcalc-statement', `mcalc-${item.kind}`, 'code-line', ...(severity ? [`mcalc-has-${severity}`] : [])];
  const parts: string[] = [`<div class="${classes.join(' ')}"${lineAttrs(item.line)}>`, '<div class="mcalc-row">'];
  const math = item.latex === undefined ? undefined : typeset(item.latex);
  parts.push(math === undefined
    ? `<code class="mcalc-source">${escape(item.source)}</code>`
    : `<span class="mcalc-math">${math}</span>`);
  if (item.shape) parts.push(`<span class="mcalc-shape" title="inferred shape">${escape(item.shape)}</span>`);
  if (item.comment) parts.push(`<span class="mcalc-comment">${escape(item.comment)}</span>`);
  parts.push('</div>');
  if (item.diagnostics.length > 0) parts.push(renderDiagnostics(item.diagnostics, escape));
  parts.push('</div>');
  return parts.join('');
}

/**
 * A KaTeX typesetter that remembers its results: the preview renders the whole note again on every edit, and most
 * statements are unchanged. Any error but KaTeX's ParseError is thrown on.
 */
export function cachedTypesetter(capacity = 5_000): Typeset {
  const cache = new Map<string, string | undefined>();
  return (latex) => {
    if (cache.has(latex)) return cache.get(latex);
    let html: string | undefined;
    try {
      html = katex.renderToString(`\\displaystyle ${latex}`, KATEX_OPTIONS);
    } catch (e) {
      if (!(e instanceof katex.ParseError)) throw e;
    }
    // Dropped whole when full: simpler than an LRU, and a note that overflows it is re-typeset once.
    if (cache.size >= capacity) cache.clear();
    cache.set(latex, html);
    return html;
  };
}

function renderDiagnostics(list: readonly DiagnosticView[], escape: Escape): string {
  const rows = list.map((d) => {
    const at = d.at ? ` <code class="mcalc-at">${escape(d.at)}</code>` : '';
    return `<li class="mcalc-diagnostic mcalc-${d.severity}"><span class="mcalc-code">${escape(d.code)}</span> `
      + `<span class="mcalc-message">${escape(d.message)}</span>${at}</li>`;
  });
  return `<ul class="mcalc-diagnostics">${rows.join('')}</ul>`;
}

const SEVERITY_ORDER = ['error', 'warning', 'information', 'hint'] as const;

function worst(list: readonly DiagnosticView[]): DiagnosticView['severity'] | undefined {
  return SEVERITY_ORDER.find((s) => list.some((d) => d.severity === s));
}
