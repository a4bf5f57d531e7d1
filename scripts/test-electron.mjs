// The same suite as scripts/test-vscode.mjs, under @vscode/test-electron: for machines that can download VS Code
// (it fetches a build from update.code.visualstudio.com, which these machines and our CI cannot reach).
// Usage: node scripts/test-electron.mjs [--version 1.100.3]
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';

const { values } = parseArgs({ options: { version: { type: 'string', default: '1.100.3' } } });
const root = resolve(import.meta.dirname, '..');
const workspace = mkdtempSync(join(tmpdir(), 'mcalc-vscode-ws-'));
for (const dir of ['examples', 'test/suite/workspace']) {
  for (const name of readdirSync(join(root, dir))) cpSync(join(root, dir, name), join(workspace, name));
}
try {
  await runTests({
    version: values.version,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error(`test-electron: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
