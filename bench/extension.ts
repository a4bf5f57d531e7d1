// What the extension costs to install and start: the shipped (production) bundle sizes, the vsix size, and the
// activation time measured in the real VS Code run of the test suite (npm run test:vscode writes it).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';

export interface ExtensionResults {
  /** Production bundles (minified, no source maps): file → bytes. */
  readonly bundles: Record<string, number>;
  readonly vsixBytes: number | undefined;
  readonly vsixNote?: string;
  /** From test-results/vscode-activation.json, when the VS Code suite has run. */
  readonly activation?: { readonly ms: number; readonly vscode: string; readonly measuredAt: string };
}

const BUNDLES = ['dist/extension.js', 'dist/server.js', 'dist/derive-worker.js', 'dist/webview.js', 'dist/cli.js'];

function run(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
}

export function extensionFigures(log: (s: string) => void): ExtensionResults {
  // The production build overwrites dist/ with minified bundles: measured, then the development build is put back.
  let bundles: Record<string, number> = {};
  let vsixBytes: number | undefined;
  let vsixNote: string | undefined;
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
  } finally {
    run(process.execPath, ['scripts/build.mjs']);
  }
  const file = 'test-results/vscode-activation.json';
  let activation: ExtensionResults['activation'];
  if (existsSync(file)) {
    const a = JSON.parse(readFileSync(file, 'utf8')) as { activationMs: number; vscode?: string; measuredAt?: string };
    activation = { ms: a.activationMs, vscode: a.vscode ?? '?', measuredAt: a.measuredAt ?? '?' };
  }
  return { bundles, vsixBytes, ...(vsixNote ? { vsixNote } : {}), ...(activation ? { activation } : {}) };
}
