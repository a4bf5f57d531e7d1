// The activation figures of `npm run bench`: launches the real VS Code (code-server in headless Chromium,
// scripts/vscode-e2e/) several times on the extension as it is built in dist/ — the bench builds production first —
// each a fresh profile and window on a workspace holding one .mcalc file, with bench/vscode-activation.ts (compiled to
// out/bench/) as the extension's tests entry; it opens the file and prints its figures, read here from the console.
// Usage: node scripts/bench-activation.mjs [--launches N] [--extension DIR] [--out FILE]
//   --extension: the extension folder (default: this repository); its out/bench/vscode-activation.js is the entry.
//   --out: where the figures of every launch go, as JSON (default: test-results/vscode-activation.json).
// Exit code: 0 when every launch gave its figures, 1 otherwise.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureInstalled } from './vscode-e2e/install.mjs';
import { runExtensionTests } from './vscode-e2e/launch.mjs';
import { REPO_ROOT } from './vscode-e2e/paths.mjs';

/** The prefix of the line bench/vscode-activation.ts prints. */
const MARKER = 'mcalc-activation-figures ';

const { values } = parseArgs({
  options: {
    launches: { type: 'string', default: '3' },
    extension: { type: 'string', default: REPO_ROOT },
    out: { type: 'string', default: join(REPO_ROOT, 'test-results', 'vscode-activation.json') },
  },
});
const launches = Number(values.launches);
if (!(Number.isInteger(launches) && launches > 0)) throw new Error(`--launches wants a count, got ${values.launches}`);
const extension = resolve(values.extension);

await ensureInstalled();
const controller = new globalThis.AbortController();
for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(name, () => controller.abort());

const figures = [];
let failures = 0;
for (let i = 1; i <= launches && !controller.signal.aborted; i++) {
  const workspace = mkdtempSync(join(tmpdir(), 'mcalc-activation-ws-'));
  copyFileSync(join(REPO_ROOT, 'examples', 'kronecker-trace.mcalc'), join(workspace, 'kronecker-trace.mcalc'));
  let found;
  const { code, reason } = await runExtensionTests({
    extensionDevelopmentPath: extension,
    extensionTestsPath: join(extension, 'out', 'bench', 'vscode-activation.js'),
    workspace,
    timeoutMs: 180_000,
    signal: controller.signal,
    onLine: (line) => {
      if (line.startsWith(MARKER)) found = JSON.parse(line.slice(MARKER.length));
      else console.log(line);
    },
  });
  rmSync(workspace, { recursive: true, force: true });
  if (code === 0 && found) {
    figures.push(found);
    console.log(`[bench-activation] launch ${i}/${launches}: ${JSON.stringify(found)}`);
  } else {
    failures++;
    console.log(`[bench-activation] launch ${i}/${launches} gave no figures (exit code ${code}${reason ? `: ${reason}` : ''})`);
  }
}
mkdirSync(dirname(resolve(values.out)), { recursive: true });
writeFileSync(resolve(values.out), `${JSON.stringify({ extension, measuredAt: new Date().toISOString(), launches: figures }, null, 2)}\n`);
process.exit(failures === 0 && figures.length === launches ? 0 : 1);
