// Entry point VS Code calls with extensionTestsPath: runs the extension's mocha suite and ends with a summary line.
// The same suite runs under @vscode/test-electron where VS Code can be downloaded, and under code-server here.
import * as path from 'node:path';
import Mocha from 'mocha';

const FILES = ['activation', 'language', 'derive', 'latex', 'preview', 'recovery'];

export function run(): Promise<void> {
  // 'spec' writes through console.log, which the extension host forwards to the launcher.
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 30_000 });
  for (const name of FILES) mocha.addFile(path.join(__dirname, `${name}.e2e.js`));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The plain closing line CI reads, alone on its line.
      console.log(`vscode suite: ${runner.stats?.passes ?? 0} passed, ${runner.stats?.failures ?? 0} failed`);
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
