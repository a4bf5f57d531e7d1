// Bundles the shipped entry points with esbuild and copies KaTeX's CSS and fonts into media/. Type checking is tsc's job.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // The package is CommonJS, so require.main checks and __dirname keep working in the bundles.
  format: 'cjs',
  platform: 'node',
};

await Promise.all([
  build({
    ...common,
    entryPoints: { cli: 'server/src/cli/main.ts', server: 'server/src/lsp/main.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
  }),
  // The server's derivation worker thread, loaded from beside dist/server.js.
  build({ ...common, entryPoints: { 'derive-worker': 'server/src/lsp/derive-worker.ts' }, outdir: 'dist' }),
  // The extension host provides `vscode`; everything else is bundled. Activation loads only dist/extension.js (the
  // panel and the commands); the rest is required on first use from beside it (client/src/bundles.ts): the language
  // client once activate() has returned, the Markdown preview's plugin (KaTeX, markdown-it, the core) when VS Code
  // first renders Markdown, the quick pick's analysis (the core) on the first Derive Gradient….
  build({
    ...common,
    entryPoints: { extension: 'client/src/extension.ts' },
    outdir: 'dist',
    external: ['vscode'],
    // The activation time the bench reports counts loading this bundle too, from its first line.
    banner: { js: '"use strict";\nvar __mcalcBundleStart = performance.now();' },
  }),
  build({
    ...common,
    entryPoints: {
      'language-client': 'client/src/languageClient.ts',
      preview: 'client/src/preview/markdown-it-mcalc.ts',
      targets: 'client/src/targets.ts',
    },
    outdir: 'dist',
    external: ['vscode'],
  }),
  // The gradient panel's script runs in the webview (a browser): one IIFE, loaded by nonce.
  build({
    ...common,
    entryPoints: { webview: 'client/src/webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  }),
]);
chmodSync('dist/cli.js', 0o755);
chmodSync('dist/server.js', 0o755);

// KaTeX's stylesheet and the woff2 fonts it names first (every engine VS Code runs reads woff2), for the panel
// and the Markdown preview. Generated, so media/katex is gitignored.
const katex = 'node_modules/katex/dist';
const target = 'media/katex';
rmSync(target, { recursive: true, force: true });
mkdirSync(join(target, 'fonts'), { recursive: true });
copyFileSync(join(katex, 'katex.min.css'), join(target, 'katex.min.css'));
for (const font of readdirSync(join(katex, 'fonts'))) {
  if (font.endsWith('.woff2')) copyFileSync(join(katex, 'fonts', font), join(target, 'fonts', font));
}
