// Starts code-server on loopback with a throwaway profile, and stops it with everything it spawned.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL, URLSearchParams } from 'node:url';
import { CODE_SERVER_ENTRY, CODE_SERVER_VERSION, MARKER_FILE } from './paths.mjs';

/** Without these the welcome page and trust prompts take focus from what a test opens. */
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
};

/** Fails with the command to run when install.mjs has not (fully) run. */
export function assertInstalled() {
  let marker;
  try {
    marker = JSON.parse(readFileSync(MARKER_FILE, 'utf8'));
  } catch {
    marker = undefined;
  }
  if (marker?.codeServer !== CODE_SERVER_VERSION || !existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed; run: node scripts/vscode-e2e/install.mjs`);
  }
  return marker;
}

/**
 * A fresh profile per run: an untitled editor or a setting from one run must not reappear in
 * the next, and nothing may touch the real home. Kept under the OS temp dir because VS Code puts
 * IPC sockets there and socket paths are limited to ~107 bytes.
 */
export function createProfile(settings = {}) {
  const root = mkdtempSync(join(tmpdir(), 'mcalc-vscode-'));
  const dirs = {
    root,
    home: join(root, 'home'),
    config: join(root, 'config'),
    data: join(root, 'data'),
    cache: join(root, 'cache'),
    tmp: join(root, 'tmp'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2) + '\n');
  return dirs;
}

/** The environment code-server runs in: the profile's folders, and nothing of an enclosing VS Code. */
function serverEnv(profile) {
  const inherited = Object.entries(process.env)
    .filter(([key]) => !/^(VSCODE_|ELECTRON_|CODE_SERVER_)/.test(key) && !['PASSWORD', 'HASHED_PASSWORD'].includes(key));
  return {
    ...Object.fromEntries(inherited),
    HOME: profile.home,
    XDG_CONFIG_HOME: profile.config,
    XDG_DATA_HOME: profile.data,
    XDG_CACHE_HOME: profile.cache,
    TMPDIR: profile.tmp,
    // An empty gallery: no marketplace lookups from a machine that cannot reach one.
    EXTENSIONS_GALLERY: '{}',
    CODE_SERVER_CONFIG: join(profile.config, 'code-server', 'config.yaml'),
  };
}

function profileArgs(profile) {
  return ['--user-data-dir', profile.userData, '--extensions-dir', profile.extensions];
}

/** Installs a .vsix into the profile (~2 s) before the server starts, as a user would. */
export function installExtension(profile, vsixPath) {
  const result = spawnSync(process.execPath, [CODE_SERVER_ENTRY, ...profileArgs(profile), '--install-extension', vsixPath], {
    env: serverEnv(profile), encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension ${vsixPath} failed (${result.status}):\n${result.stdout}${result.stderr}`);
  }
  return result.stdout.trim();
}

/** A port the kernel just handed out on loopback; free unless someone races us for it. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function healthy(port) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

/**
 * Starts code-server for `folder` and resolves once /healthz answers. `onOutput` receives its
 * stdout/stderr lines; aborting `signal` while it starts stops it again. The result's `stop()` ends code-server's whole process group (extension
 * host, pty host and watchers included) and is safe to call twice.
 */
export async function startCodeServer({ profile, folder, onOutput = () => {}, startTimeoutMs = 30_000, signal }) {
  const port = await freePort();
  const args = [
    CODE_SERVER_ENTRY,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    ...profileArgs(profile),
    folder,
  ];
  // detached: its own process group, so stop() can end the children it spawns too.
  const child = spawn(process.execPath, args, { env: serverEnv(profile), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let exited = false;
  const exitedPromise = new Promise((resolve) => child.on('exit', (code, signal) => {
    exited = true;
    resolve({ code, signal });
  }));
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onOutput(line);
    });
  }

  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      signalGroup(child.pid, 'SIGTERM');
      const graceful = await Promise.race([exitedPromise.then(() => true), sleep(5000).then(() => false)]);
      if (!graceful) signalGroup(child.pid, 'SIGKILL');
    }
    // The extension host may outlive the server by a moment; the group signal reaches it too.
    signalGroup(child.pid, 'SIGKILL');
  }

  const started = Date.now();
  while (!(await healthy(port))) {
    if (exited) throw new Error(`code-server exited before answering /healthz (${JSON.stringify(await exitedPromise)})`);
    if (signal?.aborted) {
      await stop();
      throw new Error('cancelled while code-server was starting');
    }
    if (Date.now() - started > startTimeoutMs) {
      await stop();
      throw new Error(`code-server did not answer /healthz on port ${port} within ${startTimeoutMs / 1000} s`);
    }
    await sleep(100);
  }
  return { port, origin: `http://127.0.0.1:${port}`, pid: child.pid, startedInMs: Date.now() - started, stop, exited: exitedPromise };
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** A path on the server as the workbench in the browser names it. */
export function remoteUri(server, path) {
  return `vscode-remote://127.0.0.1:${server.port}${pathToFileURL(path).pathname}`;
}

/**
 * The workbench URL that opens `folder` and, given extension paths, runs an extension's tests:
 * code-server has no --extensionTestsPath flag, but the workbench reads the same from `payload`.
 */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath } = {}) {
  const params = new URLSearchParams();
  // A plain path here (URLSearchParams encodes it); the payload's values are URIs, so encoded.
  if (folder) params.set('folder', folder);
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remoteUri(server, extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(server, extensionTestsPath)]);
  if (payload.length > 0) params.set('payload', JSON.stringify(payload));
  return `${server.origin}/?${params}`;
}

export function removeProfile(profile) {
  rmSync(profile.root, { recursive: true, force: true });
}
