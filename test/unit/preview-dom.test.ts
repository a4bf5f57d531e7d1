// The preview's HTML parsed by a real browser (Debian's Chromium through playwright-core): hostile text in a note
// yields no element, attribute or script of its own, and the marks of preview.css stay readable in every theme kind.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import MarkdownIt from 'markdown-it';
import { chromium, type Browser, type Page } from 'playwright-core';
import { mcalcMarkdownIt } from '../../client/src/preview/markdown-it-mcalc';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** Each payload also sets window.__pwned when it runs. */
const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1;alert(1)">',
  '\\href{javascript:window.__pwned=1}{x}',
  '</script><script>window.__pwned=1;alert(1)</script>',
  '"><svg onload="window.__pwned=1">',
  "'><iframe srcdoc='<script>parent.__pwned=1</script>'>",
];

/** A note with the payloads in the prose, in LaTeX math, in a fence's info string, in comments, as statements. */
const HOSTILE_NOTE = [
  `Prose ${PAYLOADS.join(' ')} and $\\href{javascript:window.__pwned=1}{x}$ and $A ${PAYLOADS[0]}$.`,
  '',
  `\`\`\`mcalc ${PAYLOADS[3]}`,
  ...PAYLOADS.map((p, i) => `A${i} : m × n   # ${p}`),
  ...PAYLOADS,
  `onerror = tr(A0ᵀ A0)   # ${PAYLOADS[2]}`,
  'javascript = A0 +',
  PAYLOADS[0],
  '```',
  '',
  `~~~mcalc`,
  `B = A1 A2   # ${PAYLOADS[1]}`,
  '~~~',
].join('\n');

/** Only fences: raw HTML may be on (as in VS Code's preview) and still nothing of the note becomes markup. */
const HOSTILE_FENCES = HOSTILE_NOTE.slice(HOSTILE_NOTE.indexOf('```mcalc'));

function page(html: string, theme = 'vscode-light', style = ''): string {
  const css = readFileSync('media/preview.css', 'utf8');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${css}</style></head>`
    + `<body class="${theme}" style="${style}">${html}</body></html>`;
}

interface Findings {
  readonly dangerous: string[];
  readonly pwned: boolean;
  readonly blocks: number;
  readonly statements: number;
  readonly katex: number;
  readonly text: string;
}

/** What the browser made of the page: elements and attributes that could run or load anything, and the text. */
async function inspect(p: Page, html: string): Promise<Findings> {
  await p.setContent(html, { waitUntil: 'load' });
  // An <img> with a bad src fails asynchronously: give any handler time to run.
  await p.waitForTimeout(300);
  return p.evaluate(() => {
    const dangerous: string[] = [];
    for (const el of Array.from(document.querySelectorAll('img, script, iframe, object, embed, svg, link, meta, base, form, style'))) {
      // The test page's own <meta charset> and <style> are expected; KaTeX draws some delimiters as inline <svg>.
      if (el.tagName === 'META' && el.getAttribute('charset')) continue;
      if (el.tagName === 'STYLE' && el.parentElement === document.head) continue;
      if (el.tagName.toLowerCase() === 'svg' && el.closest('.katex-html')) continue;
      dangerous.push(el.outerHTML.slice(0, 120));
    }
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const a of Array.from(el.attributes)) {
        if (/^on/i.test(a.name) || /^(href|src|srcdoc|action|formaction|xlink:href)$/i.test(a.name) || /javascript:/i.test(a.value)) {
          dangerous.push(`${el.tagName} ${a.name}=${a.value.slice(0, 60)}`);
        }
      }
    }
    return {
      dangerous,
      pwned: (window as unknown as { __pwned?: unknown }).__pwned !== undefined,
      blocks: document.querySelectorAll('.mcalc-block').length,
      statements: document.querySelectorAll('.mcalc-statement').length,
      katex: document.querySelectorAll('.mcalc-math .katex').length,
      text: Array.from(document.querySelectorAll('.mcalc-block')).map((b) => b.textContent ?? '').join('\n'),
    };
  });
}

describe('the preview in a real browser', () => {
  let browser: Browser;
  let p: Page;
  const dialogs: string[] = [];

  before(async () => {
    assert.ok(existsSync(CHROMIUM),
      `${CHROMIUM} is missing: these tests parse the preview's HTML in a real browser. Install Debian's chromium `
      + '(apt-get install chromium), as `npm test` does, and run them again.');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    p = await browser.newPage();
    p.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });

  after(async () => {
    await browser?.close();
  });

  for (const [name, text, html] of [
    ['a note with payloads everywhere, raw HTML off', HOSTILE_NOTE, false],
    ['only fences, raw HTML on as in VS Code', HOSTILE_FENCES, true],
  ] as const) {
    test(`${name}: no element, attribute or script from the note`, async () => {
      const md = new MarkdownIt({ html }).use(mcalcMarkdownIt);
      const found = await inspect(p, page(md.render(text)));
      assert.deepEqual(found.dangerous, []);
      assert.equal(found.pwned, false);
      assert.deepEqual(dialogs, []);
      // The blocks were rendered by the plugin (not left as code), typeset where they could be …
      assert.equal(found.blocks, 2);
      assert.ok(found.statements >= 12, `statements: ${found.statements}`);
      assert.equal(found.katex, 7);
      // … and every payload is there, as text.
      for (const payload of PAYLOADS) assert.ok(found.text.includes(payload), `not shown as text: ${payload}`);
    });
  }

  test('the checks above see a payload that does get through', async () => {
    const found = await inspect(p, page(`<div class="mcalc-block">${PAYLOADS[0]}${PAYLOADS[3]}</div>`));
    assert.equal(found.pwned, true);
    assert.ok(found.dangerous.some((d) => d.startsWith('<img')) && found.dangerous.some((d) => d.includes('onload')), found.dangerous.join('\n'));
    dialogs.length = 0;
  });

  /** Body colours of VS Code's default themes of each kind (the preview sets them from the theme). */
  const THEMES = [
    ['vscode-light', '#ffffff', '#3b3b3b'],
    ['vscode-dark', '#1f1f1f', '#cccccc'],
    ['vscode-high-contrast', '#000000', '#ffffff'],
    ['vscode-high-contrast vscode-high-contrast-light', '#ffffff', '#292929'],
  ] as const;

  for (const [theme, background, color] of THEMES) {
    test(`${theme}: an error is marked, and its message, code and the shape badges are readable`, async () => {
      const text = '```mcalc\nA : m × n   # the data\nB : p × q\nC = A B\nD = Aᵀ A\n```\n';
      const html = page(new MarkdownIt().use(mcalcMarkdownIt).render(text), theme, `background:${background};color:${color}`);
      await p.setContent(html, { waitUntil: 'load' });
      const contrasts = await p.evaluate(() => {
        type RGBA = [number, number, number, number];
        const probe = document.createElement('canvas').getContext('2d')!;
        /** Any CSS colour (rgb(), color(srgb …), color-mix results) as RGBA, read through a canvas. */
        const rgba = (css: string): RGBA => {
          probe.clearRect(0, 0, 1, 1);
          probe.fillStyle = '#000000';
          probe.fillStyle = css;
          probe.fillRect(0, 0, 1, 1);
          const d = probe.getImageData(0, 0, 1, 1).data;
          return [d[0]!, d[1]!, d[2]!, d[3]! / 255];
        };
        const over = (top: RGBA, bottom: RGBA): RGBA => [0, 1, 2].map((i) => top[i]! * top[3] + bottom[i]! * (1 - top[3])).concat(1) as RGBA;
        /** The colour behind an element: its backgrounds and its ancestors', composited. */
        const backdrop = (el: Element): RGBA => {
          const layers: RGBA[] = [];
          for (let e: Element | null = el; e; e = e.parentElement) layers.push(rgba(getComputedStyle(e).backgroundColor));
          return layers.reverse().reduce((acc, layer) => over(layer, acc), [255, 255, 255, 1] as RGBA);
        };
        const luminance = (c: RGBA): number => {
          const lin = (v: number): number => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
          return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
        };
        const contrast = (a: RGBA, b: RGBA): number => {
          const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m) as [number, number];
          return (x + 0.05) / (y + 0.05);
        };
        const textContrast = (selector: string): number => {
          const el = document.querySelector(selector)!;
          return contrast(over(rgba(getComputedStyle(el).color), backdrop(el)), backdrop(el));
        };
        const marked = document.querySelector('.mcalc-has-error')!;
        const bar = getComputedStyle(marked);
        return {
          barWidth: parseFloat(bar.borderLeftWidth),
          bar: contrast(over(rgba(bar.borderLeftColor), backdrop(marked)), backdrop(marked.parentElement!)),
          unmarkedBar: rgba(getComputedStyle(document.querySelector('.mcalc-statement:not(.mcalc-has-error)')!).borderLeftColor)[3],
          code: textContrast('.mcalc-error .mcalc-code'),
          message: textContrast('.mcalc-error .mcalc-message'),
          badge: textContrast('.mcalc-shape'),
          comment: textContrast('.mcalc-comment'),
          sign: getComputedStyle(document.querySelector('.mcalc-error .mcalc-code')!, '::before').content,
        };
      });
      assert.ok(contrasts.barWidth >= 2 && contrasts.unmarkedBar === 0, JSON.stringify(contrasts));
      assert.ok(contrasts.bar >= 3, `error bar contrast ${contrasts.bar}`);
      assert.ok(contrasts.code >= 3, `error code contrast ${contrasts.code}`);
      assert.ok(contrasts.message >= 4.5, `message contrast ${contrasts.message}`);
      assert.ok(contrasts.badge >= 4.5, `badge contrast ${contrasts.badge}`);
      assert.ok(contrasts.comment >= 4.5, `comment contrast ${contrasts.comment}`);
      assert.equal(contrasts.sign, '"✖ "');
    });
  }
});
