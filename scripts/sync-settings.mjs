// Writes package.json's contributes.configuration from the settings table (server/src/lsp/settings.ts).
// `--check` changes nothing and exits 1 when package.json is out of step (the settings test runs it so).
import { transform } from 'esbuild';
import { Buffer } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';

const source = readFileSync('server/src/lsp/settings.ts', 'utf8');
const { code } = await transform(source, { loader: 'ts', format: 'esm' });
const { configurationProperties } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);

const text = readFileSync('package.json', 'utf8');
const pkg = JSON.parse(text);
const wanted = { title: 'mcalc', properties: configurationProperties() };
// Compared as data, not as text: how package.json is formatted (1e-06 or 0.000001) is not this script's business.
const inStep = JSON.stringify(pkg.contributes?.configuration) === JSON.stringify(wanted);

if (process.argv.includes('--check')) {
  if (!inStep) {
    console.error('package.json contributes.configuration is out of step with server/src/lsp/settings.ts: run node scripts/sync-settings.mjs');
    process.exit(1);
  }
} else if (!inStep) {
  pkg.contributes ??= {};
  pkg.contributes.configuration = wanted;
  writeFileSync('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
  console.log('package.json: contributes.configuration updated');
}
