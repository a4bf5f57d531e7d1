// The parts of the extension that activation does not need, each a bundle of its own beside dist/extension.js
// (scripts/build.mjs), required on first use: VS Code waits for activation and counts its time, and most sessions
// never open the Markdown preview or the derive quick pick.
import { join } from 'node:path';
import type * as LanguageClientModule from './languageClient';
import type * as PreviewModule from './preview/markdown-it-mcalc';
import type * as TargetsModule from './targets';

/** vscode-languageclient and the client's options (languageClient.ts). */
export function languageClientBundle(): typeof LanguageClientModule {
  return load('language-client.js');
}

/** The Markdown preview's markdown-it plugin, with KaTeX and the core (preview/). */
export function previewBundle(): typeof PreviewModule {
  return load('preview.js');
}

/** What the derive quick pick offers, read by the core (targets.ts). */
export function targetsBundle(): typeof TargetsModule {
  return load('targets.js');
}

function load<T>(file: string): T {
  // A computed path, which esbuild leaves as it is: the file is found at run time, beside this bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(__dirname, file)) as T;
}
