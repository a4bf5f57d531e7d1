// Entry point VS Code calls with extensionTestsPath: runs the probe's mocha tests and ends with a summary line.
/* global require, exports, __dirname, console */
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
const path = require('node:path');
const Mocha = require('mocha');

exports.run = function run() {
  // 'spec' writes through console.log, which the extension host forwards to the launcher.
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 20000 });
  mocha.addFile(path.join(__dirname, 'probe.test.js'));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The plain closing line CI reads, alone on its line.
      console.log(`${runner.stats.passes} passed, ${runner.stats.failures} failed`);
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
};
