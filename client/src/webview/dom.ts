// Building the panel's DOM by hand: elements with text set through textContent, and LaTeX through KaTeX's
// DOM renderer — never an HTML string, so nothing from a document can become markup.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import katex from 'katex';

export interface ElementSpec {
  readonly className?: string;
  readonly text?: string;
  readonly attrs?: Readonly<Record<string, string>>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K, spec: ElementSpec = {}, children: readonly (Node | undefined)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (spec.className) node.className = spec.className;
  if (spec.text !== undefined) node.textContent = spec.text;
  for (const [name, value] of Object.entries(spec.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K, attrs: Readonly<Record<string, string | number>> = {}, children: readonly (Node | undefined)[] = [],
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  for (const child of children) if (child) node.append(child);
  return node;
}

/**
 * LaTeX typeset into a fresh element. `trust: false` keeps \href, \url, \includegraphics and friends inert.
 * KaTeX's DOM path sets styles through the CSSOM, which the CSP allows. Its own error rendering
 * (`throwOnError: false`) would set a style attribute, which the CSP refuses: errors are caught and shown here.
 */
export function math(latex: string, className = 'math'): HTMLElement {
  const node = el('div', { className });
  try {
    katex.render(latex, node, { trust: false, throwOnError: true, displayMode: true });
  } catch (e) {
    // The source as text, marked, with KaTeX's message (its position included) as the tooltip.
    node.replaceChildren(el('code', {
      className: 'tex-error', text: latex,
      attrs: { title: e instanceof Error ? e.message : String(e), 'aria-label': `LaTeX that could not be typeset: ${latex}` },
    }));
  }
  return node;
}

/** A number in a few significant digits, as a caption or tooltip gives it. */
export function shortNumber(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e4 || a < 1e-3 ? x.toExponential(2) : String(Number(x.toPrecision(3)));
}

/** A relative error in the command line's style (4.3e-12), so the panel and `mcalc grad` read the same. */
export function relErrorText(x: number): string {
  return x === 0 ? '0' : x.toExponential(1);
}
