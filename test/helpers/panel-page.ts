// The gradient panel's page served to a real Chromium (playwright-core) as a webview would get it: the HTML of
// panelHtml under its CSP, assets only from dist/ and media/, and a stand-in for the webview host's
// acquireVsCodeApi that records what the page posts and saves, and every CSP violation.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { makeNonce, panelHtml } from '../../client/src/panel/html';
import type { FromPanelMessage, ToPanelMessage } from '../../server/src/protocol';

const CHROMIUM = '/usr/bin/chromium';
const ASSETS = ['dist/webview.js', 'media/panel.css', 'media/katex/katex.min.css'];
const TYPES: Readonly<Record<string, string>> = { '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.html': 'text/html' };

/**
 * Serves the page and, like a webview's localResourceRoots, only dist/ and media/ beside it. Same origin for
 * page and assets, as cspSource names one origin for all the assets in VS Code.
 */
function serve(): Promise<{ server: Server; origin: string }> {
  let origin = '';
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^\/+/, '');
    if (path === 'panel.html') {
      res.writeHead(200, { 'content-type': TYPES['.html']! });
      res.end(panelHtml({
        cspSource: origin, nonce: makeNonce(), title: 'mcalc gradient',
        scriptUri: `${origin}/dist/webview.js`, katexCssUri: `${origin}/media/katex/katex.min.css`, panelCssUri: `${origin}/media/panel.css`,
      }));
      return;
    }
    if (!/^(dist|media)\//.test(path) || path.includes('..') || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    resolve({ server, origin });
  }));
}

/** What the stand-in webview host saw. */
export interface Recorded {
  readonly posted: FromPanelMessage[];
  readonly states: unknown[];
  readonly violations: { directive: string; blocked: string; sample: string }[];
  readonly pwned: unknown;
}

declare global {
  interface Window {
    __mcalc: { posted: FromPanelMessage[]; states: unknown[]; violations: { directive: string; blocked: string; sample: string }[] };
    __pwned?: unknown;
    __inline?: unknown;
    acquireVsCodeApi?: unknown;
  }
}

/** The webview host, as far as the page can tell: acquireVsCodeApi (once only, as in VS Code), and a CSP report log. */
function fakeHost(): void {
  const rec: Window['__mcalc'] = { posted: [], states: [], violations: [] };
  let state: unknown;
  let acquired = false;
  window.__mcalc = rec;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return {
      postMessage: (m: unknown) => rec.posted.push(JSON.parse(JSON.stringify(m)) as FromPanelMessage),
      setState: (s: unknown) => { state = s; rec.states.push(JSON.parse(JSON.stringify(s))); },
      getState: () => state,
    };
  };
  window.addEventListener('securitypolicyviolation', (e) => rec.violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }));
}

export interface Panel {
  readonly page: Page;
  /** Console errors, uncaught exceptions and failed requests. */
  readonly problems: string[];
  /** As VS Code delivers a message to a webview: a message event on its window. */
  send(message: ToPanelMessage): Promise<void>;
  recorded(): Promise<Recorded>;
}

export interface PanelHost {
  /** The origin page and assets are served from (the page's cspSource). */
  readonly origin: string;
  /** A fresh page with the panel loaded, once it has posted 'ready'. */
  open(): Promise<Panel>;
  close(): Promise<void>;
}

/** Fails, rather than skips, without Chromium or the built assets: the panel is only tested in a browser. */
export async function startPanelHost(): Promise<PanelHost> {
  assert.ok(existsSync(CHROMIUM), `Chromium is missing at ${CHROMIUM}: these tests run the panel in a real browser (apt-get install chromium)`);
  for (const a of ASSETS) assert.ok(existsSync(a), `${a} is missing: run \`node scripts/build.mjs\` first`);
  const { server, origin } = await serve();
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const open = async (): Promise<Panel> => {
    const page = await browser.newPage();
    const problems: string[] = [];
    // The browser asks for /favicon.ico by itself (a webview does not): that 404 is not the page's doing.
    page.on('console', (m) => { if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
    await page.addInitScript(fakeHost);
    await page.goto(`${origin}/panel.html`);
    await page.waitForFunction(() => window.__mcalc.posted.length > 0);
    return {
      page, problems,
      send: (message) => page.evaluate((m) => window.postMessage(m, '*'), message as unknown),
      recorded: () => page.evaluate(() => ({ ...window.__mcalc, pwned: window.__pwned })),
    };
  };
  const close = async (): Promise<void> => {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  };
  return { origin, open, close };
}

/** The page worked under its own policy: no CSP violation, console error, exception or failed load. */
export async function assertClean(panel: Panel): Promise<void> {
  const r = await panel.recorded();
  assert.deepEqual(r.violations, [], 'no CSP violations');
  assert.deepEqual(panel.problems, [], 'no console errors, exceptions or failed loads');
}
