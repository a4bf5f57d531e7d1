// Runs the extension's mocha suite (test/suite, compiled to out/test/suite) in a real VS Code 1.100: code-server
// in headless Chromium, installed and cached by scripts/vscode-e2e/install.mjs. Part of `npm test`.
// Where VS Code can be downloaded, the same suite runs under @vscode/test-electron (see docs/testing.md).
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureInstalled } from './vscode-e2e/install.mjs';
import { runExtensionTests } from './vscode-e2e/launch.mjs';
import { REPO_ROOT } from './vscode-e2e/paths.mjs';

await ensureInstalled();

// The tests edit documents: they work on a throwaway copy of the examples and the suite's own files.
const workspace = mkdtempSync(join(tmpdir(), 'mcalc-vscode-ws-'));
for (const dir of ['examples', 'test/suite/workspace']) {
  for (const name of readdirSync(join(REPO_ROOT, dir))) cpSync(join(REPO_ROOT, dir, name), join(workspace, name));
}

const controller = new globalThis.AbortController();
for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(name, () => controller.abort());
const { code } = await runExtensionTests({
  extensionDevelopmentPath: REPO_ROOT,
  extensionTestsPath: join(REPO_ROOT, 'out', 'test', 'suite', 'index.js'),
  workspace,
  timeoutMs: 300_000,
  signal: controller.signal,
  verbose: process.argv.includes('--verbose'),
});
rmSync(workspace, { recursive: true, force: true });
process.exit(code);
