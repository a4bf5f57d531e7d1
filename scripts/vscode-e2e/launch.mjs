// Runs an extension's mocha suite inside a real VS Code (code-server in headless Chromium); library and CLI.
// CLI: node scripts/vscode-e2e/launch.mjs --extension DIR --tests SUITE_INDEX_JS --workspace DIR [--screenshot FILE]
//      [--timeout SECONDS] [--install-extension VSIX]... [--logs DIR] [--verbose] [--keep-profile]
// Exit code: the suite's (0 passed, 1 failed); 2 when the run itself broke (timeout, crash, bad arguments).
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { format, parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import {
  assertInstalled, createProfile, installExtension, removeProfile, startCodeServer, workbenchUrl,
} from './code-server.mjs';
import { CACHE_ROOT, CHROMIUM_PATH } from './paths.mjs';

/** Without the networking flags Chromium keeps dialling Google's hosts, which this machine refuses. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export const INFRA_ERROR = 2;

/**
 * In test mode the workbench sends the extension host's console (console.log args, printf style)
 * and its own log lines through the same codeAutomationLog; these are the workbench's chatter.
 */
const WORKBENCH_NOISE = new RegExp([
  '^Resolv(ing|ed) connection token', '^Creating a socket', '^Ignoring fetching additional builtin extensions',
  '^Updating additional builtin extensions cache', '^\\[Service Worker\\]', '^ChatSessionStore:',
  '^Creation of workbench contribution',
].join('|'));

export function launchChromium({ headless = true } = {}) {
  // Our own signal handlers stop code-server too; Playwright's would exit before they ran.
  return chromium.launch({
    executablePath: CHROMIUM_PATH, headless, args: CHROMIUM_ARGS, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
  });
}

function say(message) {
  console.log(`[vscode-e2e] ${message}`);
}

/** VS Code hands over its log files with the exit code; they explain most failures. */
function saveLogs(dir, logs) {
  for (const { relativePath, contents } of logs ?? []) {
    const target = join(dir, relativePath);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, contents);
  }
}

/**
 * Opens the workbench on `workspace` with the extension under development loaded and its tests
 * run by the extension host; resolves to { code, reason? } and never rejects. Everything it started
 * (profile, code-server and its children, Chromium) is gone when it resolves.
 */
export async function runExtensionTests({
  extensionDevelopmentPath, extensionTestsPath, workspace, screenshot, timeoutMs = 180_000,
  installExtensions = [], settings = {}, logsDir, verbose = false, keepProfile = false, signal,
  onLine = (line) => console.log(line),
}) {
  const started = Date.now();
  const serverOutput = [];
  const browserConsole = [];
  const resources = { profile: undefined, server: undefined, browser: undefined, page: undefined };
  // Aborted once the outcome is known, so a session still starting things stops and hands them back.
  const cancel = new globalThis.AbortController();
  const stillWanted = () => {
    if (cancel.signal.aborted) throw new Error('cancelled');
  };

  async function session() {
    const marker = assertInstalled();
    for (const path of [extensionDevelopmentPath, extensionTestsPath, workspace]) {
      if (!existsSync(path)) throw new Error(`no such file or folder: ${path}`);
    }
    resources.profile = createProfile(settings);
    for (const vsix of installExtensions) say(installExtension(resources.profile, vsix));
    resources.server = await startCodeServer({
      profile: resources.profile,
      folder: workspace,
      signal: cancel.signal,
      onOutput: (line) => {
        serverOutput.push(line);
        if (verbose) onLine(`[code-server] ${line}`);
      },
    });
    const server = resources.server;
    stillWanted();
    say(`code-server ${marker.codeServer} (VS Code ${marker.vscode}) on ${server.origin}, healthy after ${server.startedInMs} ms`);

    resources.browser = await launchChromium();
    stillWanted();
    const page = await resources.browser.newPage({ viewport: { width: 1280, height: 800 } });
    resources.page = page;
    page.on('console', (message) => {
      const line = `${message.type()}: ${message.text()}`;
      browserConsole.push(line);
      if (verbose) onLine(`[browser] ${line}`);
    });
    page.on('pageerror', (error) => browserConsole.push(`pageerror: ${error.message}`));

    let reportExit;
    const exit = new Promise((resolveExit) => { reportExit = resolveExit; });
    // Both must exist before the workbench loads: it looks them up on `window` when tests start and end.
    await page.exposeFunction('codeAutomationLog', (_level, args) => {
      const line = Array.isArray(args) ? format(...args) : String(args);
      if (verbose || !WORKBENCH_NOISE.test(line)) onLine(line);
    });
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      if (logsDir) saveLogs(logsDir, logs);
      reportExit(code);
    });
    const url = workbenchUrl(server, { folder: workspace, extensionDevelopmentPath, extensionTestsPath });
    if (verbose) say(`opening ${url}`);
    await page.goto(url);
    const serverDied = server.exited.then((how) => {
      throw new Error(`code-server exited during the run (${JSON.stringify(how)})`);
    });
    const code = await Promise.race([exit, serverDied]);
    return { code: typeof code === 'number' ? code : INFRA_ERROR };
  }

  async function release() {
    await resources.browser?.close().catch(() => {});
    await resources.server?.stop();
  }

  let timer;
  const deadline = new Promise((resolveDeadline) => {
    timer = setTimeout(() => resolveDeadline({ code: INFRA_ERROR, reason: `timed out after ${timeoutMs / 1000} s` }), timeoutMs);
  });
  const aborted = new Promise((resolveAbort) => {
    signal?.addEventListener('abort', () => resolveAbort({ code: INFRA_ERROR, reason: 'interrupted' }), { once: true });
  });
  const running = session().catch((error) => ({ code: INFRA_ERROR, reason: error.message }));
  const result = await Promise.race([running, deadline, aborted]);
  clearTimeout(timer);

  const failed = result.code !== 0;
  const screenshotPath = screenshot ?? (failed ? join(CACHE_ROOT, 'last-failure.png') : undefined);
  if (resources.page && screenshotPath) {
    try {
      mkdirSync(dirname(screenshotPath), { recursive: true });
      await resources.page.screenshot({ path: screenshotPath, timeout: 10_000 });
      say(`screenshot: ${screenshotPath}`);
    } catch (error) {
      say(`no screenshot: ${error.message}`);
    }
  }
  if (failed && !verbose && result.reason) {
    // A failing suite explains itself; a broken run needs the server's and browser's side.
    say(`failure: ${result.reason}`);
    if (serverOutput.length > 0) say(`code-server said:\n${serverOutput.slice(-40).join('\n')}`);
    const errors = browserConsole.filter((line) => /^(error|pageerror)/.test(line) && !line.includes('vsda'));
    if (errors.length > 0) say(`browser errors:\n${errors.slice(-20).join('\n')}`);
  }
  cancel.abort();
  await release();
  // Closing the browser and server unblocks a session cut short; whatever it started late goes too.
  await running;
  await release();
  if (resources.profile) {
    if (keepProfile) say(`profile kept: ${resources.profile.root}`);
    else removeProfile(resources.profile);
  }
  say(`${failed ? 'FAILED' : 'passed'}: exit code ${result.code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

function parseCli(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      extension: { type: 'string' },
      tests: { type: 'string' },
      workspace: { type: 'string' },
      screenshot: { type: 'string' },
      timeout: { type: 'string', default: '180' },
      'install-extension': { type: 'string', multiple: true, default: [] },
      logs: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      'keep-profile': { type: 'boolean', default: false },
    },
  });
  for (const required of ['extension', 'tests', 'workspace']) {
    if (!values[required]) throw new Error(`--${required} is required`);
  }
  const timeout = Number(values.timeout);
  if (!(timeout > 0)) throw new Error(`--timeout wants seconds, got ${values.timeout}`);
  return {
    extensionDevelopmentPath: resolve(values.extension),
    extensionTestsPath: resolve(values.tests),
    workspace: resolve(values.workspace),
    screenshot: values.screenshot && resolve(values.screenshot),
    timeoutMs: timeout * 1000,
    installExtensions: values['install-extension'].map((path) => resolve(path)),
    logsDir: values.logs && resolve(values.logs),
    verbose: values.verbose,
    keepProfile: values['keep-profile'],
  };
}

async function main() {
  let options;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    console.error(`[vscode-e2e] ${error.message}`);
    process.exit(INFRA_ERROR);
  }
  const controller = new globalThis.AbortController();
  for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(name, () => controller.abort());
  const { code } = await runExtensionTests({ ...options, signal: controller.signal });
  // Give stdout a moment to drain when piped, then leave even if a handle lingers.
  await sleep(50);
  process.exit(code);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
