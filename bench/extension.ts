// What the extension costs to install and start: the shipped (production) bundle sizes, the vsix size, and the
// activation time of the production bundle in the real VS Code (code-server), over several fresh launches
// (scripts/bench-activation.mjs, which runs bench/vscode-activation.ts in the extension host).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { median } from './stats';
import type { ActivationFigures } from './vscode-activation';

export interface ActivationResults {
  readonly launches: number;
  readonly vscode: string;
  readonly measuredAt: string;
  /** Medians over the launches, in milliseconds. Activation as VS Code counts it: loading the bundle + activate(). */
  readonly activationMs: number;
  readonly loadMs: number;
  readonly activateCallMs: number;
  /** From the bundle's first line to the language server ready, and of that loading the language client's bundle. */
  readonly serverReadyMs: number;
  readonly clientLoadMs: number;
  /** As the bench's entry in the extension host sees it: from opening the .mcalc file to the server ready. */
  readonly openToServerReadyMs: number;
  /** Every launch's figures, as measured. */
  readonly runs: readonly ActivationFigures[];
}

export interface ExtensionResults {
  /** Production bundles (minified, no source maps): file → bytes. */
  readonly bundles: Record<string, number>;
  readonly vsixBytes: number | undefined;
  readonly vsixNote?: string;
  readonly activation?: ActivationResults;
  readonly activationNote?: string;
}

/** Every bundle scripts/build.mjs makes: the extension's (activation loads only extension.js), the server's, the CLI. */
const BUNDLES = [
  'dist/extension.js', 'dist/language-client.js', 'dist/preview.js', 'dist/targets.js', 'dist/webview.js',
  'dist/server.js', 'dist/derive-worker.js', 'dist/cli.js',
];
const LAUNCHES = 3;
const FIGURES_FILE = 'test-results/vscode-activation.json';

function run(command: string, args: string[], stdout: 'ignore' | 'inherit' = 'ignore'): void {
  execFileSync(command, args, { stdio: ['ignore', stdout, 'inherit'] });
}

export function extensionFigures(log: (s: string) => void): ExtensionResults {
  // The production build overwrites dist/ with minified bundles: measured, then the development build is put back.
  let bundles: Record<string, number> = {};
  let vsixBytes: number | undefined;
  let vsixNote: string | undefined;
  let activation: ActivationResults | undefined;
  let activationNote: string | undefined;
  try {
    log('  production build…\n');
    run(process.execPath, ['scripts/build.mjs', '--production']);
    bundles = Object.fromEntries(BUNDLES.filter((f) => existsSync(f)).map((f) => [f.replace('dist/', ''), statSync(f).size]));
    log('  npm run package…\n');
    try {
      run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'package']);
      vsixBytes = statSync('mcalc.vsix').size;
    } catch (e) {
      vsixNote = `npm run package failed: ${String(e).split('\n')[0]}`;
    }
    log(`  activation of the production bundle in VS Code, ${LAUNCHES} launches (≈ 30 s each)…\n`);
    try {
      run(process.execPath, ['scripts/bench-activation.mjs', '--launches', String(LAUNCHES), '--out', FIGURES_FILE], 'inherit');
      activation = summarise(JSON.parse(readFileSync(FIGURES_FILE, 'utf8')) as { measuredAt: string; launches: ActivationFigures[] });
    } catch (e) {
      activationNote = `not measured: scripts/bench-activation.mjs failed (${String(e).split('\n')[0]})`;
    }
  } finally {
    run(process.execPath, ['scripts/build.mjs']);
  }
  return {
    bundles, vsixBytes, ...(vsixNote ? { vsixNote } : {}), ...(activation ? { activation } : {}), ...(activationNote ? { activationNote } : {}),
  };
}

function summarise(file: { measuredAt: string; launches: ActivationFigures[] }): ActivationResults {
  const runs = file.launches;
  const of = (pick: (r: ActivationFigures) => number | undefined): number => median(runs.map(pick).filter((x): x is number => x !== undefined));
  return {
    launches: runs.length,
    vscode: runs[0]?.vscode ?? '?',
    measuredAt: file.measuredAt,
    activationMs: of((r) => r.activationMs),
    loadMs: of((r) => r.loadMs),
    activateCallMs: of((r) => r.activationMs - r.loadMs),
    serverReadyMs: of((r) => r.serverReadyMs),
    clientLoadMs: of((r) => r.clientLoadMs),
    openToServerReadyMs: of((r) => r.openToServerReadyMs),
    runs,
  };
}
