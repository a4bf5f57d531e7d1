// The gradient panel drawn from what the extension last said: header, variables, ∂f/∂X, actions, the numeric
// check with its picture, and the derivation steps. Pure DOM building; main.ts owns the state and the messages.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { latexName } from '../../../server/src/core/print/latex-names';
import type { DeriveCheck, DeriveResponse, FromPanelMessage, InsertFormat, PanelTarget } from '../../../server/src/protocol';
import { el, math, relErrorText } from './dom';
import { comparisonFigure } from './plots';

/** Everything the panel shows; main.ts folds the messages into it. */
export interface PanelView {
  readonly target: PanelTarget;
  readonly fileName: string;
  /** A derivation for `target` has been asked for and has not answered yet. */
  readonly pending: boolean;
  /** The last answer, possibly for an earlier target while a new one is pending. */
  readonly shown?: { readonly target: PanelTarget; readonly languageId: string; readonly response: DeriveResponse };
  /** Why the document can no longer be written to (closed or deleted). */
  readonly detached?: string;
}

export type Post = (message: FromPanelMessage) => void;

/** `\frac{\partial f}{\partial X} = …`, with names typeset as the server typesets them (and as Copy LaTeX copies). */
function equationLatex(of: string, wrt: string, latex: string): string {
  return `\\frac{\\partial ${latexName(of)}}{\\partial ${latexName(wrt)}} = ${latex}`;
}

function header(view: PanelView): HTMLElement {
  const { target } = view;
  const response = view.shown?.response;
  const fShape = response && view.shown?.target.of === target.of ? response.fShape : '';
  const facts = [
    fShape ? `${target.of} is ${fShape === '1×1' ? 'a scalar' : fShape}` : undefined,
    view.fileName ? `in ${view.fileName}` : undefined,
  ].filter((s): s is string => s !== undefined);
  return el('header', { className: 'panel-header' }, [
    el('h1', { className: 'title', text: `∂${target.of}/∂${target.wrt}` }),
    facts.length ? el('p', { className: 'facts', text: facts.join(' · ') }) : undefined,
    view.pending ? el('p', { className: 'status pending', text: 'deriving…', attrs: { role: 'status' } }) : undefined,
    view.detached !== undefined
      ? el('p', { className: 'status detached', text: `Not connected to the document: ${view.detached}`, attrs: { role: 'status' } })
      : undefined,
  ]);
}

/** The variables f depends on, each a way to re-target the panel (the current one is marked, not clickable). */
function symbols(view: PanelView, response: DeriveResponse, post: Post): HTMLElement | undefined {
  if (response.symbols.length === 0) return undefined;
  const of = view.shown!.target.of;
  // Without f's shape the server lists every declared symbol, not those f depends on: nothing to re-target to.
  const dependsOnF = response.fShape !== '';
  const items = response.symbols.map((s) => {
    const current = s.name === view.target.wrt && of === view.target.of;
    const spoken = [s.name, s.shape || 'shape unknown', ...s.properties].join(', ');
    const parts = [
      el('span', { className: 'symbol-name', text: s.name }),
      el('span', { className: 'symbol-shape', text: s.shape || 'shape unknown' }),
      ...s.properties.map((p) => el('span', { className: 'symbol-property', text: p })),
    ];
    if (!dependsOnF || current) {
      const attrs = { 'aria-label': spoken, ...(current ? { 'aria-current': 'true' } : {}) };
      return el('li', {}, [el('span', { className: current ? 'symbol current' : 'symbol', attrs }, parts)]);
    }
    const button = el('button', {
      className: 'symbol',
      attrs: { type: 'button', 'data-focus-key': `wrt:${s.name}`, 'aria-label': spoken, title: `Show ∂${of}/∂${s.name}` },
    }, parts);
    button.disabled = view.detached !== undefined;
    button.addEventListener('click', () => post({ type: 'retarget', of, wrt: s.name }));
    return el('li', {}, [button]);
  });
  return el('nav', { className: 'symbols', attrs: { 'aria-label': 'with respect to' } }, [
    el('h2', { text: dependsOnF ? `${of} depends on` : 'Declared symbols' }),
    el('ul', {}, items),
  ]);
}

interface Action {
  readonly label: string;
  readonly message: FromPanelMessage;
  readonly primary?: boolean;
}

function actionsFor(languageId: string): Action[] {
  const insert = (label: string, format: InsertFormat, primary = false): Action => ({ label, message: { type: 'insert', format }, primary });
  const copy = (label: string, format: InsertFormat): Action => ({ label, message: { type: 'copy', format } });
  const inserts = languageId === 'markdown' ? [insert('Insert LaTeX', 'latex', true), insert('Insert mcalc', 'mcalc')]
    : languageId === 'mcalc' ? [insert('Insert mcalc', 'mcalc', true)] : [];
  return [...inserts, copy('Copy LaTeX', 'latex'), copy('Copy NumPy', 'numpy')];
}

function actions(view: PanelView, post: Post): HTMLElement {
  const usable = view.shown?.response.result !== undefined && !view.pending && view.detached === undefined;
  const why = view.detached !== undefined ? 'The document is no longer open' : view.pending ? 'Deriving…' : 'There is no gradient to use';
  return el('div', { className: 'actions', attrs: { role: 'toolbar', 'aria-label': 'use the gradient' } }, actionsFor(view.shown?.languageId ?? '').map((a) => {
    const button = el('button', {
      className: a.primary ? 'primary' : 'secondary', text: a.label,
      attrs: { type: 'button', 'data-focus-key': `action:${a.label}`, ...(usable ? {} : { title: why }) },
    });
    button.disabled = !usable;
    button.addEventListener('click', () => post(a.message));
    return button;
  }));
}

function badge(check: DeriveCheck): HTMLElement {
  const state = check.passed === true ? 'passed' : check.passed === false ? 'failed' : 'unavailable';
  return el('span', { className: `badge ${state}`, text: state });
}

function check(c: DeriveCheck | undefined): HTMLElement {
  const title = el('h2', { text: 'Numeric check' });
  if (!c) return el('section', { className: 'check' }, [title, el('p', { className: 'muted', text: 'Turned off (setting mcalc.check.enabled).' })]);
  const sizes = Object.entries(c.sizes).map(([k, v]) => `${k} = ${v}`).join(', ');
  const facts: [string, string][] = [
    ...(c.relError !== null ? [['relative error', relErrorText(c.relError)] as [string, string]] : []),
    ...(sizes ? [['sizes', sizes] as [string, string]] : []),
    ['seed', String(c.seed)],
    ['evaluations', String(c.evaluations)],
  ];
  return el('section', { className: 'check', attrs: { 'aria-label': 'numeric check' } }, [
    el('div', { className: 'check-head' }, [title, badge(c)]),
    c.unavailable !== undefined ? el('p', { className: 'unavailable-reason', text: c.unavailable }) : undefined,
    el('dl', { className: 'check-facts' }, facts.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })])),
    c.compared ? comparisonFigure(c.compared) : undefined,
    el('p', { className: 'summary', text: c.summary }),
  ]);
}

function steps(response: DeriveResponse): HTMLElement | undefined {
  const list = response.result?.steps ?? [];
  if (list.length === 0) return undefined;
  return el('section', { className: 'steps' }, [
    el('h2', { text: 'Derivation' }),
    el('ol', {}, list.map((s) => el('li', {}, [el('p', { className: 'step-label', text: s.label }), math(s.latex, 'math step-math')]))),
  ]);
}

function gradient(response: DeriveResponse): HTMLElement | undefined {
  const r = response.result;
  if (!r) return undefined;
  return el('section', { className: 'gradient', attrs: { 'aria-label': `∂${response.of}/∂${response.wrt}` } }, [
    math(equationLatex(response.of, response.wrt, r.latex), 'math equation'),
    el('p', { className: 'muted', text: `${r.shape}, the shape of ${response.wrt}${r.convention ? ` — ${r.convention}` : ''}` }),
  ]);
}

export function renderPanel(root: HTMLElement, view: PanelView, post: Post): void {
  const response = view.shown?.response;
  // The old answer stays visible, dimmed, while a new one is being derived.
  const stale = view.pending || (view.shown !== undefined && !sameTarget(view.shown.target, view.target));
  root.setAttribute('aria-busy', String(view.pending));
  root.replaceChildren(...[
    header(view),
    response ? symbols(view, response, post) : undefined,
    response?.error !== undefined ? el('p', { className: 'error', text: response.error, attrs: { role: 'alert' } }) : undefined,
    response ? el('div', { className: stale ? 'body stale' : 'body' }, [
      gradient(response),
      actions(view, post),
      response.result ? check(response.result.check) : undefined,
      steps(response),
    ]) : actions(view, post),
  ].filter((n): n is HTMLElement => n !== undefined));
}

function sameTarget(a: PanelTarget, b: PanelTarget): boolean {
  return a.uri === b.uri && a.of === b.of && a.wrt === b.wrt;
}

/** One line for screen readers when the panel changes (the panel itself is redrawn whole, so it is not a live region). */
export function announcement(view: PanelView): string {
  const what = `∂${view.target.of}/∂${view.target.wrt}`;
  if (view.pending) return `deriving ${what}`;
  if (view.detached !== undefined) return `${what}: not connected to the document: ${view.detached}`;
  const response = view.shown?.response;
  if (response?.error !== undefined) return `${what}: ${response.error}`;
  const check = response?.result?.check;
  if (!check) return `${what} derived`;
  return `${what} derived; numeric check ${check.passed === true ? 'passed' : check.passed === false ? 'failed' : 'not made'}`;
}
