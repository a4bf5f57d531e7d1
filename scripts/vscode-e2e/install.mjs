// Installs what the real-VS-Code tests need offline: Debian's Chromium and friends, and code-server (cached by version).
// CLI: `node scripts/vscode-e2e/install.mjs`. Idempotent: a second run only checks and reuses.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, createWriteStream, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CACHE_ROOT, CHROMIUM_PATH, CODE_SERVER_ENTRY, CODE_SERVER_VERSION, DEBIAN_PACKAGES, INSTALL_DIR,
  MARKER_FILE, RIPGREP_BINARY_VERSION, RIPGREP_PACKAGE_VERSION,
} from './paths.mjs';

const LOG_DIR = join(CACHE_ROOT, 'logs');

function say(message) {
  console.log(`[vscode-e2e install] ${message}`);
}

/** Runs `fn`, printing how long it took; the times are what docs/testing.md quotes. */
async function step(name, fn) {
  const started = Date.now();
  say(`${name} ...`);
  const result = await fn();
  say(`${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/**
 * Runs a command with its output in a log file rather than on the console (apt and npm are
 * loud and CI logs should stay readable); on failure the log's tail is printed.
 */
function run(command, args, { cwd, env, logName }) {
  mkdirSync(LOG_DIR, { recursive: true });
  const logPath = join(LOG_DIR, logName);
  const log = createWriteStream(logPath);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on('error', (error) => {
      log.end();
      reject(new Error(`could not start ${command}: ${error.message}`));
    });
    child.on('close', (code) => {
      log.end(() => {
        if (code === 0) return resolve();
        const tail = readFileSync(logPath, 'utf8').split('\n').slice(-60).join('\n');
        reject(new Error(`${command} ${args.join(' ')} exited with ${code}; last lines of ${logPath}:\n${tail}`));
      });
    });
  });
}

function dpkgInstalled(name) {
  const result = spawnSync('dpkg', ['-s', name], { encoding: 'utf8' });
  return result.status === 0 && /^Status: install ok installed$/m.test(result.stdout);
}

function hasDpkg() {
  return spawnSync('dpkg', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function ensureDebianPackages() {
  if (!hasDpkg()) {
    say('no dpkg here: not a Debian machine, so install chromium and ripgrep yourself');
  } else {
    const missing = DEBIAN_PACKAGES.filter((name) => !dpkgInstalled(name));
    if (missing.length === 0) {
      say(`Debian packages present: ${DEBIAN_PACKAGES.join(', ')}`);
    } else {
      if (process.getuid?.() !== 0) {
        throw new Error(`missing Debian packages ${missing.join(', ')}; as root run: apt-get update && apt-get install -y ${missing.join(' ')}`);
      }
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      await step('apt-get update', () => run('apt-get', ['update'], { env, logName: 'apt-update.log' }));
      await step(`apt-get install ${missing.join(' ')}`, () =>
        run('apt-get', ['install', '-y', '-o', 'DPkg::Lock::Timeout=300', ...missing], { env, logName: 'apt-install.log' }));
    }
  }
  for (const binary of [CHROMIUM_PATH, ripgrepPath()]) {
    if (!binary || !existsSync(binary)) throw new Error(`expected ${binary ?? 'rg'} after installing the Debian packages`);
  }
}

function ripgrepPath() {
  const result = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The name @vscode/ripgrep gives its download on this machine's architecture. */
function ripgrepTarget() {
  switch (process.arch) {
    case 'x64': return 'x86_64-unknown-linux-musl';
    case 'arm64': return 'aarch64-unknown-linux-musl';
    default: throw new Error(`no known @vscode/ripgrep target for ${process.arch}`);
  }
}

/**
 * @vscode/ripgrep's postinstall downloads rg from GitHub, which these machines cannot reach;
 * it first looks in `$TMPDIR/vscode-ripgrep-cache-<version>/`, so we put Debian's rg there.
 */
async function seedRipgrepCache(tmpDir) {
  const cacheDir = join(tmpDir, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const staging = join(tmpDir, 'rg-staging');
  mkdirSync(cacheDir, { recursive: true });
  mkdirSync(staging, { recursive: true });
  copyFileSync(ripgrepPath(), join(staging, 'rg'));
  const tarball = join(cacheDir, `ripgrep-${RIPGREP_BINARY_VERSION}-${ripgrepTarget()}.tar.gz`);
  await run('tar', ['-czf', tarball, '-C', staging, 'rg'], { logName: 'rg-tarball.log' });
}

function readMarker() {
  try {
    return JSON.parse(readFileSync(MARKER_FILE, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The environment for the nested npm install: none of an enclosing `npm run`'s settings leak in. */
function npmEnv(tmpDir) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'INIT_CWD'));
  env.TMPDIR = tmpDir;
  // node-pty's postinstall runs `npx node-gyp`; this machine's npm config answers npx's prompt "no".
  env.npm_config_yes = 'true';
  // What code-server's postinstall actually reads; npm 11 calls the --unsafe-perm flag "unknown" and may drop it.
  env.npm_config_unsafe_perm = 'true';
  return env;
}

async function installCodeServer() {
  const marker = readMarker();
  if (marker?.codeServer === CODE_SERVER_VERSION && existsSync(CODE_SERVER_ENTRY)) {
    say(`code-server ${CODE_SERVER_VERSION} already installed in ${INSTALL_DIR} (VS Code ${marker.vscode}); reusing it`);
    return marker;
  }
  // No marker means no install or a half-finished one: start from nothing.
  rmSync(INSTALL_DIR, { recursive: true, force: true });
  mkdirSync(INSTALL_DIR, { recursive: true });
  writeFileSync(join(INSTALL_DIR, 'package.json'), JSON.stringify({
    name: 'mcalc-vscode-e2e-code-server',
    private: true,
    description: 'code-server for the real-VS-Code tests; written by scripts/vscode-e2e/install.mjs',
    dependencies: { 'code-server': CODE_SERVER_VERSION },
  }, null, 2) + '\n');
  const tmpDir = join(INSTALL_DIR, '.tmp');
  await step('seed the ripgrep download cache with Debian\'s rg', () => seedRipgrepCache(tmpDir));
  await step(`npm install code-server@${CODE_SERVER_VERSION} (log: ${join(LOG_DIR, 'npm-install.log')})`, () =>
    // --unsafe-perm: code-server's postinstall refuses to run as root without it.
    run('npm', ['install', '--unsafe-perm', '--no-audit', '--no-fund'], {
      cwd: INSTALL_DIR, env: npmEnv(tmpDir), logName: 'npm-install.log',
    }));
  rmSync(tmpDir, { recursive: true, force: true });
  assertPostinstallRan();
  const version = spawnSync(process.execPath, [CODE_SERVER_ENTRY, '--version'], { encoding: 'utf8' });
  const vscode = /with Code ([\d.]+)/.exec(version.stdout ?? '')?.[1];
  if (version.status !== 0 || !vscode) {
    throw new Error(`code-server --version failed after install:\n${version.stdout}${version.stderr}`);
  }
  const written = { codeServer: CODE_SERVER_VERSION, vscode, installedAt: new Date().toISOString() };
  writeFileSync(MARKER_FILE, JSON.stringify(written, null, 2) + '\n');
  say(`installed code-server ${CODE_SERVER_VERSION} (VS Code ${vscode}) in ${INSTALL_DIR}`);
  return written;
}

/**
 * code-server's postinstall installs VS Code's own modules; npm 11 warns that install scripts are
 * "not yet covered by allowScripts", and an npm that skipped them would leave a server that starts
 * but has no ripgrep or terminals. Check for two of its products rather than trust the exit code.
 */
function assertPostinstallRan() {
  const vscodeModules = join(INSTALL_DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  for (const product of ['@vscode/ripgrep/bin/rg', 'node-pty/build/Release/pty.node']) {
    if (!existsSync(join(vscodeModules, product))) {
      throw new Error(`code-server's postinstall did not produce ${product}; see ${join(LOG_DIR, 'npm-install.log')}`);
    }
  }
}

/** Makes sure everything is installed; returns the marker ({codeServer, vscode, installedAt}). */
export async function ensureInstalled() {
  const started = Date.now();
  await step('Debian packages', ensureDebianPackages);
  const marker = await step('code-server', installCodeServer);
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return marker;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureInstalled().catch((error) => {
    console.error(`[vscode-e2e install] FAILED: ${error.message}`);
    process.exit(1);
  });
}
