// Bundles the shipped entry points with esbuild. Type checking is tsc's job (npm test).
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: { cli: 'server/src/cli/main.ts', server: 'server/src/lsp/main.ts' },
  outdir: 'dist',
  banner: { js: '#!/usr/bin/env node' },
});
chmodSync('dist/cli.js', 0o755);
chmodSync('dist/server.js', 0o755);
