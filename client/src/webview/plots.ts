// The numeric check as a picture: the symbolic and finite-difference gradients as two heat maps on one diverging
// scale, and a scatter of one against the other (on the diagonal when they agree). SVG built node by node; the
// colours are theme variables mixed in CSS (panel.css), so the pictures follow light, dark and high-contrast themes.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { DeriveCompared } from '../../../server/src/protocol';
import { el, shortNumber, svg } from './dom';

/** Values arrive through JSON: a NaN or an infinity from the evaluation becomes null on the way. */
function finite(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** The largest magnitude among the finite values (0 if none): both heat maps share it, so their colours compare. */
function scaleOf(...series: readonly (readonly number[])[]): number {
  let max = 0;
  for (const s of series) for (const v of s) if (finite(v)) max = Math.max(max, Math.abs(v));
  return max;
}

/**
 * A cell's fill: the theme's chart red (positive) or blue (negative) mixed into the editor background in
 * proportion to |v| / max. Through the CSSOM, which the CSP allows (a style attribute it would not).
 */
function paint(node: SVGElement, v: unknown, max: number): void {
  if (!finite(v)) {
    node.classList.add('not-finite');
    return;
  }
  const share = max > 0 ? Math.round((Math.abs(v) / max) * 1000) / 10 : 0;
  const end = v < 0 ? 'var(--mcalc-heat-negative)' : 'var(--mcalc-heat-positive)';
  node.style.fill = `color-mix(in srgb, ${end} ${share}%, var(--mcalc-heat-zero))`;
}

/** Pixels per cell: large for the small sizes the check uses, smaller for long vectors, never below 4. */
function cellSize(rows: number, cols: number): number {
  return Math.max(4, Math.min(28, Math.floor(168 / Math.max(rows, cols))));
}

function valueRange(values: readonly number[]): string {
  const xs = values.filter(finite);
  return xs.length ? `from ${shortNumber(Math.min(...xs))} to ${shortNumber(Math.max(...xs))}` : 'with no finite values';
}

function heatMap(title: string, values: readonly number[], rows: number, cols: number, max: number): HTMLElement {
  const cell = cellSize(rows, cols);
  const map = svg('svg', {
    class: 'heat-map', viewBox: `0 0 ${cols} ${rows}`, width: cols * cell, height: rows * cell,
    role: 'img', 'aria-label': `${title}: ${rows}×${cols} entries ${valueRange(values)}`,
    'data-rows': rows, 'data-cols': cols, preserveAspectRatio: 'none',
  });
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = values[i * cols + j];
      const rect = svg('rect', { class: 'cell', x: j, y: i, width: 1, height: 1, 'data-row': i, 'data-col': j });
      paint(rect, v, max);
      rect.append(svg('title', {}, [document.createTextNode(`[${i + 1}, ${j + 1}] = ${finite(v) ? shortNumber(v) : 'not finite'}`)]));
      map.append(rect);
    }
  }
  return el('figure', { className: 'plot' }, [map, el('figcaption', { text: title })]);
}

/** The colour scale both heat maps use: −max … 0 … +max. */
function legend(max: number): HTMLElement {
  const steps = 11;
  const bar = svg('svg', {
    class: 'legend-bar', viewBox: `0 0 ${steps} 1`, width: steps * 12, height: 10, preserveAspectRatio: 'none', 'aria-hidden': 'true',
  });
  for (let k = 0; k < steps; k++) {
    const rect = svg('rect', { x: k, y: 0, width: 1, height: 1 });
    paint(rect, ((k - (steps - 1) / 2) / ((steps - 1) / 2)) * (max || 1), max || 1);
    bar.append(rect);
  }
  const ends = max > 0 ? [`−${shortNumber(max)}`, '0', shortNumber(max)] : ['all entries are 0'];
  return el('div', { className: 'legend', attrs: { role: 'img', 'aria-label': `colour scale: blue negative, red positive, ${max > 0 ? `up to ${shortNumber(max)} in magnitude` : 'all zero'}` } }, [
    bar, el('div', { className: 'legend-ticks' }, ends.map((t) => el('span', { text: t }))),
  ]);
}

const SCATTER = 150;
const PAD = 8;

/** Symbolic (x) against finite differences (y) on the same axes, with the diagonal they should lie on. */
function scatter(compared: DeriveCompared): HTMLElement {
  const pairs = compared.symbolic.map((s, k) => [s, compared.numeric[k]] as const).filter(([s, n]) => finite(s) && finite(n)) as [number, number][];
  const max = scaleOf(compared.symbolic, compared.numeric) || 1;
  const at = (v: number): number => PAD + ((v + max) / (2 * max)) * (SCATTER - 2 * PAD);
  const worst = pairs.reduce((w, [s, n]) => Math.max(w, Math.abs(s - n)), 0);
  const what = compared.mode === 'entries' ? 'entries' : 'directions';
  const plot = svg('svg', {
    class: 'scatter', viewBox: `0 0 ${SCATTER} ${SCATTER}`, width: SCATTER, height: SCATTER, role: 'img',
    'aria-label': `scatter of symbolic against finite-difference values: ${pairs.length} ${what}, largest difference ${shortNumber(worst)}`,
  }, [
    svg('rect', { class: 'frame', x: 0.5, y: 0.5, width: SCATTER - 1, height: SCATTER - 1 }),
    svg('line', { class: 'axis', x1: at(0), y1: PAD, x2: at(0), y2: SCATTER - PAD }),
    svg('line', { class: 'axis', x1: PAD, y1: SCATTER - at(0), x2: SCATTER - PAD, y2: SCATTER - at(0) }),
    svg('line', { class: 'diagonal', x1: at(-max), y1: SCATTER - at(-max), x2: at(max), y2: SCATTER - at(max) }),
  ]);
  for (const [s, n] of pairs) {
    plot.append(svg('circle', { class: 'point', cx: at(s), cy: SCATTER - at(n), r: 3 }, [
      svg('title', {}, [document.createTextNode(`symbolic ${shortNumber(s)}, finite differences ${shortNumber(n)}`)]),
    ]));
  }
  return el('figure', { className: 'plot' }, [
    plot, el('figcaption', { text: 'symbolic (→) against finite differences (↑)' }),
  ]);
}

/** The whole picture for a check: heat maps and scatter for entries, the scatter alone for directions. */
export function comparisonFigure(compared: DeriveCompared): HTMLElement {
  const { rows, cols } = compared;
  if (compared.mode === 'entries') {
    const max = scaleOf(compared.symbolic, compared.numeric);
    return el('div', { className: 'comparison', attrs: { 'data-mode': 'entries' } }, [
      el('div', { className: 'plots' }, [
        heatMap('symbolic gradient', compared.symbolic, rows, cols, max),
        heatMap('finite differences', compared.numeric, rows, cols, max),
        scatter(compared),
      ]),
      legend(max),
      el('p', { className: 'caption', text: `Each entry of the ${rows}×${cols} gradient at the random point, derived and by central differences, on one colour scale.` }),
    ]);
  }
  const count = compared.symbolic.length;
  return el('div', { className: 'comparison', attrs: { 'data-mode': 'directions' } }, [
    el('div', { className: 'plots' }, [scatter(compared)]),
    el('p', { className: 'caption', text: `⟨G, V⟩ for ${count} random direction${count === 1 ? '' : 's'} V, from the derived gradient G and by central differences along V.` }),
  ]);
}
