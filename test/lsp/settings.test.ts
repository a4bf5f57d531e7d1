// Each setting is defined once (server/src/lsp/settings.ts): package.json's contributes.configuration must be what it generates.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { configurationProperties, DEFAULT_SETTINGS, readSettings, SETTINGS } from '../../server/src/lsp/settings';

describe('settings', () => {
  test('package.json contributes exactly the settings of the table', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes?: { configuration?: { properties?: unknown } } };
    assert.deepEqual(pkg.contributes?.configuration?.properties, configurationProperties());
  });

  test('scripts/sync-settings.mjs --check agrees', () => {
    const r = spawnSync(process.execPath, ['scripts/sync-settings.mjs', '--check'], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
  });

  test('every setting is under mcalc. and has a description; enums contain their default', () => {
    for (const s of SETTINGS) {
      assert.match(s.name, /^mcalc\.[a-zA-Z.]+$/);
      assert.ok(s.description.length > 10, s.name);
      assert.equal(typeof s.default, s.type, s.name);
      if (s.enum) assert.ok(s.enum.includes(s.default as string), s.name);
    }
  });

  test('defaults, nested and dotted forms, and bad values falling back to the default', () => {
    assert.deepEqual(DEFAULT_SETTINGS, {
      check: { enabled: true, tolerance: 1e-6 },
      gradient: { symmetric: 'unconstrained' },
      inlayHints: { enabled: true },
      trace: { server: 'off' },
    });
    assert.equal(readSettings({ check: { enabled: false } }).check.enabled, false);
    assert.equal(readSettings({ 'check.tolerance': 1e-3 }).check.tolerance, 1e-3);
    assert.equal(readSettings({ gradient: { symmetric: 'symmetric' } }).gradient.symmetric, 'symmetric');
    assert.equal(readSettings({ gradient: { symmetric: 'sideways' } }).gradient.symmetric, 'unconstrained');
    assert.equal(readSettings({ check: { tolerance: -1 } }).check.tolerance, 1e-6);
    assert.equal(readSettings({ inlayHints: { enabled: 'no' } }).inlayHints.enabled, true);
    assert.deepEqual(readSettings(null), DEFAULT_SETTINGS);
  });
});
