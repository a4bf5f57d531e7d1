// The gradient panel's page in a real browser (Chromium through playwright-core), under its own CSP: the built
// dist/webview.js fed real `mcalc/derive` answers the way VS Code feeds a webview (a message event on window),
// with a stand-in for acquireVsCodeApi that records what the page posts and saves (test/helpers/panel-page.ts).
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { DeriveResponse, PanelTarget, ToPanelMessage } from '../../server/src/protocol';
import { deriveResponse } from '../helpers/derive-response';
import { assertClean, startPanelHost, type PanelHost } from '../helpers/panel-page';

let host: PanelHost;
let origin = '';
const openPanel = (): ReturnType<PanelHost['open']> => host.open();

before(async () => {
  host = await startPanelHost();
  origin = host.origin;
});

after(async () => {
  await host?.close();
});

const KRONECKER = readFileSync('examples/kronecker-trace.mcalc', 'utf8');
const target = (of: string, wrt: string): PanelTarget => ({ uri: 'file:///work/kronecker-trace.mcalc', of, wrt });

function resultMessage(response: DeriveResponse, languageId = 'mcalc', fileName = 'kronecker-trace.mcalc'): ToPanelMessage {
  return { type: 'result', target: target(response.of, response.wrt), fileName, languageId, response };
}

async function buttons(page: Page, selector: string): Promise<{ text: string; disabled: boolean }[]> {
  return page.$$eval(selector, (bs) => bs.map((b) => ({ text: (b.textContent ?? '').trim(), disabled: (b as HTMLButtonElement).disabled })));
}

describe('gradient panel in Chromium', () => {
  test('says ready once loaded, and draws ∂f/∂A of the Kronecker example with its check', async () => {
    const panel = await openPanel();
    const { page } = panel;
    const response = deriveResponse(KRONECKER, 'f', 'A');
    const r = response.result!;
    const check = r.check!;
    assert.equal(check.compared?.mode, 'entries');
    assert.deepEqual((await panel.recorded()).posted, [{ type: 'ready' }]);

    await panel.send(resultMessage(response));
    await page.waitForSelector('.equation .katex');

    assert.equal(await page.textContent('h1'), '∂f/∂A');
    assert.equal(await page.textContent('.facts'), 'f is a scalar · in kronecker-trace.mcalc');
    // The formula is KaTeX's own DOM; its MathML annotation keeps the source it was given.
    const annotation = await page.textContent('.equation annotation[encoding="application/x-tex"]');
    assert.equal(annotation, `\\frac{\\partial f}{\\partial A} = ${r.latex}`);
    assert.equal(await page.locator('.equation .katex-html').count(), 1);

    const steps = await page.$$eval('.steps li', (lis) => lis.map((li) => ({
      label: li.querySelector('.step-label')?.textContent, tex: li.querySelector('annotation')?.textContent,
    })));
    assert.deepEqual(steps, r.steps.map((s) => ({ label: s.label, tex: s.latex })));

    assert.equal(await page.textContent('.check .badge'), 'passed');
    const facts = await page.$$eval('.check-facts dt, .check-facts dd', (ns) => ns.map((n) => n.textContent));
    assert.deepEqual(facts, [
      'relative error', check.relError!.toExponential(1),
      'sizes', Object.entries(check.sizes).map(([k, v]) => `${k} = ${v}`).join(', '),
      'seed', String(check.seed), 'evaluations', String(check.evaluations),
    ]);
    assert.equal(await page.textContent('.check .summary'), check.summary);

    // Two heat maps of the gradient's shape at the check's sizes (A is m×n at m = 2, n = 4), on one scale.
    const { rows, cols } = check.compared!;
    assert.deepEqual([rows, cols], [check.sizes.m, check.sizes.n]);
    const maps = await page.$$eval('svg.heat-map', (ss) => ss.map((s) => ({
      rows: s.getAttribute('data-rows'), cols: s.getAttribute('data-cols'), viewBox: s.getAttribute('viewBox'),
      cells: s.querySelectorAll('rect.cell').length, label: s.getAttribute('aria-label'),
      fills: [...s.querySelectorAll('rect.cell')].map((c) => getComputedStyle(c).fill),
    })));
    assert.equal(maps.length, 2);
    for (const m of maps) {
      assert.deepEqual([m.rows, m.cols, m.viewBox, m.cells], [String(rows), String(cols), `0 0 ${cols} ${rows}`, rows * cols]);
      assert.match(m.label ?? '', new RegExp(`${rows}×${cols} entries from -?[0-9.]+ to -?[0-9.]+`));
    }
    // The check passed: the two maps are the same picture; the most negative and most positive entries differ in colour.
    assert.deepEqual(maps[0]!.fills, maps[1]!.fills);
    const lo = check.compared!.symbolic.indexOf(Math.min(...check.compared!.symbolic));
    const hi = check.compared!.symbolic.indexOf(Math.max(...check.compared!.symbolic));
    assert.notEqual(maps[0]!.fills[lo], maps[0]!.fills[hi]);
    assert.ok(maps[0]!.fills.every((f) => /^(rgb|color)\(/.test(f)), `cells are filled: ${maps[0]!.fills.join(' ')}`);
    assert.equal(await page.locator('svg.scatter circle.point').count(), rows * cols);
    assert.ok(await page.getAttribute('svg.scatter', 'aria-label'));
    assert.equal(await page.locator('.legend').count(), 1);

    // KaTeX's fonts came in under font-src.
    const katexFonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.family.includes('KaTeX') && f.status === 'loaded').length;
    });
    assert.ok(katexFonts > 0, 'KaTeX fonts loaded');

    assert.equal(await page.textContent('#announce'), '∂f/∂A derived; numeric check passed');
    assert.deepEqual((await panel.recorded()).states, [target('f', 'A')], 'the target is saved for the serializer');
    await assertClean(panel);
    await page.close();
  });

  test('the buttons post insert, copy and retarget messages', async () => {
    const panel = await openPanel();
    const { page } = panel;
    await panel.send(resultMessage(deriveResponse(KRONECKER, 'f', 'A')));
    await page.waitForSelector('.actions button');
    assert.deepEqual(await buttons(page, '.actions button'), [
      { text: 'Insert mcalc', disabled: false }, { text: 'Copy LaTeX', disabled: false }, { text: 'Copy NumPy', disabled: false },
    ]);
    for (const label of ['Insert mcalc', 'Copy LaTeX', 'Copy NumPy']) await page.click(`.actions button:text-is("${label}")`);

    // The variables f depends on; A is the current one (not a button), the others re-target the panel.
    const chips = await page.$$eval('.symbols li', (lis) => lis.map((li) => li.textContent));
    assert.deepEqual(chips, ['Am×n', 'Bp×q', 'H(q·n)×k', 'L(p·m)×(p·m)']);
    assert.deepEqual((await buttons(page, 'button.symbol')).map((b) => b.text), ['Bp×q', 'H(q·n)×k', 'L(p·m)×(p·m)']);
    assert.equal(await page.getAttribute('.symbol.current', 'aria-current'), 'true');
    await page.click('button.symbol[data-focus-key="wrt:B"]');

    assert.deepEqual((await panel.recorded()).posted, [
      { type: 'ready' },
      { type: 'insert', format: 'mcalc' }, { type: 'copy', format: 'latex' }, { type: 'copy', format: 'numpy' },
      { type: 'retarget', of: 'f', wrt: 'B' },
    ]);

    // In Markdown, LaTeX can be inserted too.
    await panel.send(resultMessage(deriveResponse(KRONECKER, 'f', 'B'), 'markdown', 'notes.md'));
    await page.waitForSelector('h1:text-is("∂f/∂B")');
    assert.deepEqual((await buttons(page, '.actions button')).map((b) => b.text), ['Insert LaTeX', 'Insert mcalc', 'Copy LaTeX', 'Copy NumPy']);
    await page.click('.actions button:text-is("Insert LaTeX")');
    assert.deepEqual((await panel.recorded()).posted.at(-1), { type: 'insert', format: 'latex' });
    assert.deepEqual((await panel.recorded()).states, [target('f', 'A'), target('f', 'B')]);
    await assertClean(panel);
    await page.close();
  });

  test('pending dims the last result and disables the buttons; detached keeps it but cannot insert', async () => {
    const panel = await openPanel();
    const { page } = panel;
    await panel.send(resultMessage(deriveResponse(KRONECKER, 'f', 'A')));
    await page.waitForSelector('.equation .katex');
    await panel.send({ type: 'pending', target: target('f', 'B'), fileName: 'kronecker-trace.mcalc' });
    await page.waitForSelector('.status.pending');
    assert.equal(await page.textContent('.status.pending'), 'deriving…');
    assert.equal(await page.textContent('#announce'), 'deriving ∂f/∂B');
    assert.equal(await page.textContent('h1'), '∂f/∂B');
    assert.equal(await page.getAttribute('#panel', 'aria-busy'), 'true');
    assert.equal(await page.locator('.body.stale .equation .katex').count(), 1, 'the old result stays, dimmed');
    assert.ok((await buttons(page, '.actions button')).every((b) => b.disabled));

    await panel.send({ type: 'detached', target: target('f', 'A'), reason: 'the document was closed' });
    await page.waitForSelector('.status.detached');
    assert.equal(await page.textContent('.status.detached'), 'Not connected to the document: the document was closed');
    assert.equal(await page.locator('.status.pending').count(), 0);
    assert.equal(await page.locator('.equation .katex').count(), 1);
    assert.ok((await buttons(page, '.actions button')).every((b) => b.disabled));
    assert.ok((await buttons(page, 'button.symbol')).every((b) => b.disabled));
    await page.click('.actions button:text-is("Copy LaTeX")', { force: true });
    assert.deepEqual((await panel.recorded()).posted, [{ type: 'ready' }], 'a disabled button posts nothing');
    await assertClean(panel);
    await page.close();
  });

  test('an error, a failed check, an unavailable check and a check along directions', async () => {
    const panel = await openPanel();
    const { page } = panel;
    const broken = deriveResponse(KRONECKER.replace('H : (q·n) × k', 'H : (p·n) × k'), 'f', 'A');
    assert.ok(broken.error && !broken.result);
    await panel.send(resultMessage(broken));
    await page.waitForSelector('.error');
    assert.equal(await page.textContent('.error'), broken.error);
    assert.equal(await page.locator('.katex').count(), 0);
    assert.ok((await buttons(page, '.actions button')).every((b) => b.disabled), 'nothing to insert or copy');

    // The panel draws what the check says; a failure is made by hand here (the engine's own results pass).
    const ok = deriveResponse(KRONECKER, 'f', 'A');
    const c = ok.result!.check!;
    const wrong = c.compared!.numeric.map((v, k) => (k === 3 ? -v : v));
    await panel.send(resultMessage({ ...ok, result: { ...ok.result!, check: { ...c, passed: false, relError: 0.41, compared: { ...c.compared!, numeric: wrong } } } }));
    await page.waitForSelector('.badge.failed');
    assert.equal(await page.textContent('.badge'), 'failed');
    const fills = await page.$$eval('svg.heat-map', (ss) => ss.map((s) => [...s.querySelectorAll('rect.cell')].map((r) => getComputedStyle(r).fill)));
    assert.notEqual(fills[0]![3], fills[1]![3], 'the wrong entry shows');
    assert.deepEqual(fills[0]!.filter((_, k) => k !== 3), fills[1]!.filter((_, k) => k !== 3));

    await panel.send(resultMessage({ ...ok, result: { ...ok.result!, check: { ...c, passed: null, relError: null, unavailable: 'the function is not finite here', compared: undefined } } }));
    await page.waitForSelector('.badge.unavailable');
    assert.equal(await page.textContent('.badge'), 'unavailable');
    assert.equal(await page.textContent('.check .unavailable-reason'), 'the function is not finite here');
    assert.equal(await page.locator('svg.heat-map, svg.scatter').count(), 0);

    // The gradient within symmetric matrices is checked along random symmetric directions: the scatter alone.
    const gaussian = deriveResponse(readFileSync('examples/gaussian-likelihood.mcalc', 'utf8'), 'nll', 'K', { symmetric: 'symmetric' });
    const g = gaussian.result!.check!;
    assert.equal(g.compared?.mode, 'directions');
    await panel.send(resultMessage(gaussian));
    await page.waitForSelector('.comparison[data-mode="directions"]');
    assert.equal(await page.locator('svg.heat-map').count(), 0);
    assert.equal(await page.locator('svg.scatter circle.point').count(), g.compared!.symbolic.length);
    assert.match(await page.textContent('.comparison .caption') ?? '', new RegExp(`for ${g.compared!.symbolic.length} random directions`));
    assert.deepEqual(await page.$$eval('.symbols li', (lis) => lis.map((li) => li.textContent)), gaussian.symbols.map((s) => `${s.name}${s.shape}${s.properties.join('')}`));
    assert.equal(await page.locator('.symbol-property:text-is("spd")').count(), 1);
    await assertClean(panel);
    await page.close();
  });
});

describe('gradient panel: hostile text stays text', () => {
  const IMG = '<img src=x onerror=window.__pwned=1>';
  const HREF = '\\href{javascript:window.__pwned=1}{x}';
  const SCRIPT = '</script><script>window.__pwned=1</script>';
  const ALL = `${IMG} ${HREF} ${SCRIPT}`;

  test('names, file name, error, labels, LaTeX and check text from a document cannot run or load anything', async () => {
    const panel = await openPanel();
    const { page } = panel;
    const ok = deriveResponse(KRONECKER, 'f', 'A');
    const c = ok.result!.check!;
    const response: DeriveResponse = {
      ...ok, of: ALL, wrt: IMG, fShape: SCRIPT,
      symbols: [
        { name: IMG, shape: SCRIPT, properties: [HREF] },
        { name: SCRIPT, shape: IMG, properties: [] },
        { name: HREF, shape: 'm×n', properties: [IMG] },
      ],
      error: ALL,
      result: {
        ...ok.result!, latex: `${HREF} \\htmlClass{x}{y} \\includegraphics{x.png} \\url{javascript:alert(1)} ${IMG} ${SCRIPT}`,
        shape: IMG, convention: SCRIPT,
        steps: [{ label: ALL, latex: HREF }, { label: SCRIPT, latex: `\\text{${IMG}}` }, { label: IMG, latex: SCRIPT }],
        check: { ...c, summary: ALL, unavailable: ALL, sizes: { [IMG]: 2 } },
      },
    };
    const message: ToPanelMessage = { type: 'result', target: { uri: ALL, of: ALL, wrt: IMG }, fileName: ALL, languageId: 'markdown', response };
    await panel.send(message);
    await page.waitForSelector('.steps li');
    await page.click('button.symbol >> nth=0');

    const dom = await page.evaluate(() => {
      const all = (s: string): Element[] => [...document.querySelectorAll(s)];
      return {
        images: all('img, image').length,
        scripts: all('script').map((s) => s.getAttribute('src')),
        links: all('body a, body [href], body [xlink\\:href]').map((n) => n.outerHTML.slice(0, 80)),
        handlers: all('*').flatMap((n) => n.getAttributeNames().filter((a) => /^on/i.test(a))),
        styleAttrsWithUrl: all('[style*="url("]').length,
        text: document.body.textContent ?? '',
      };
    });
    assert.equal(dom.images, 0, 'no <img>');
    assert.deepEqual(dom.scripts, [`${origin}/dist/webview.js`], 'only our own script');
    assert.deepEqual(dom.links, [], 'no link, and no javascript: URL');
    assert.deepEqual(dom.handlers, [], 'no inline event handler');
    assert.equal(dom.styleAttrsWithUrl, 0);
    // Shown, verbatim, as text.
    for (const s of [IMG, SCRIPT, ALL]) assert.ok(dom.text.includes(s), `the text shows ${s}`);
    assert.equal(await page.textContent('.error'), ALL);
    assert.equal(await page.textContent('.facts'), `${ALL} is ${SCRIPT} · in ${ALL}`);
    assert.deepEqual(await page.$$eval('.step-label', (ns) => ns.map((n) => n.textContent)), [ALL, SCRIPT, IMG]);
    assert.equal(await page.textContent('.check .summary'), ALL);
    // LaTeX KaTeX cannot parse is shown as its source, marked; what it can parse (\\href untrusted) is typeset inert.
    assert.deepEqual(await page.$$eval('.step-math', (ns) => ns.map((n) => n.querySelector('.tex-error')?.textContent ?? 'typeset')), ['typeset', `\\text{${IMG}}`, SCRIPT]);

    const r = await panel.recorded();
    assert.equal(r.pwned, undefined, 'nothing ran');
    assert.deepEqual(r.posted.at(-1), { type: 'retarget', of: ALL, wrt: SCRIPT }, 'names travel back as data');
    assert.deepEqual(r.states, [message.target]);
    await assertClean(panel);
    await page.close();
  });

  test('messages of the wrong form are ignored', async () => {
    const panel = await openPanel();
    const { page } = panel;
    for (const junk of [null, 'result', { type: 'result' }, { type: 'result', target: target('f', 'A') }, { type: 'pending', target: 'x' }, { type: 'other', target: target('f', 'A') }]) {
      await page.evaluate((m) => window.postMessage(m, '*'), junk as unknown);
    }
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
    assert.equal((await page.textContent('#panel'))?.trim(), 'Waiting for a derivation…');
    assert.deepEqual((await panel.recorded()).states, []);
    await assertClean(panel);
    await page.close();
  });

  test('the page enforces its policy: inline script, wrong nonce, style attribute and eval are refused (and reported)', async () => {
    const panel = await openPanel();
    const { page } = panel;
    await page.evaluate(() => {
      const add = (code: string, nonce?: string): void => {
        const s = document.createElement('script');
        if (nonce !== undefined) s.nonce = nonce;
        s.textContent = code;
        document.body.append(s);
      };
      add('window.__inline = 1');
      add('window.__inline = 2', 'not-the-nonce');
      // The page's own nonce lets this one run (what a nonce is for); it tries eval from a timer, outside the
      // test driver's evaluation, which Chromium lets generate code whatever the policy says.
      add("setTimeout(() => { try { eval('window.__inline = 3'); } catch (e) { window.__pwned = e.name; } })", document.querySelector('script')!.nonce);
      document.body.append(Object.assign(document.createElement('div'), { id: 'styled' }));
      document.getElementById('styled')!.setAttribute('style', 'color: red');
    });
    await page.waitForFunction(() => window.__mcalc.violations.length >= 4);
    assert.equal(await page.evaluate(() => window.__inline), undefined, 'no inline script ran, and eval did not either');
    assert.equal(await page.evaluate(() => window.__pwned), 'EvalError', 'eval is refused');
    const directives = (await panel.recorded()).violations.map((v) => v.directive).sort();
    assert.deepEqual(directives, ['script-src', 'script-src-elem', 'script-src-elem', 'style-src-attr']);
    await page.close();
  });
});
