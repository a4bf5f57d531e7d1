// Versions and folders shared by the code-server installer and launcher, so both agree on one cache.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The newest code-server whose `engines` accept Node 20; it bundles VS Code 1.100.3. */
export const CODE_SERVER_VERSION = '4.100.3';

/**
 * @vscode/ripgrep (pulled in by code-server's postinstall) downloads rg from GitHub into
 * `$TMPDIR/vscode-ripgrep-cache-<its version>/`; these name the file it looks for there.
 */
export const RIPGREP_PACKAGE_VERSION = '1.15.11';
export const RIPGREP_BINARY_VERSION = 'v13.0.0-10';

/** Debian packages: a browser, rg to seed the cache above, and headers for native modules. */
export const DEBIAN_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev', 'pkg-config'];

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/**
 * Gitignored, so a fresh clone installs anew; MCALC_VSCODE_TEST_CACHE points several clones
 * (or CI runs on one machine) at one shared cache instead.
 */
export const CACHE_ROOT = process.env.MCALC_VSCODE_TEST_CACHE ? resolve(process.env.MCALC_VSCODE_TEST_CACHE) : join(REPO_ROOT, '.vscode-test');
export const INSTALL_DIR = join(CACHE_ROOT, `code-server-${CODE_SERVER_VERSION}`);
/** Written last by a successful install; its presence is what "installed" means. */
export const MARKER_FILE = join(INSTALL_DIR, '.installed.json');
export const CODE_SERVER_ENTRY = join(INSTALL_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
