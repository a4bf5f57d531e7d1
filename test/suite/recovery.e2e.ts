// The server dies (killed mid-session): the client restarts it and diagnostics come back. Restart Server works too.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, errors, open, until } from './helpers';

suite('recovery', () => {
  teardown(closeAll);

  test('a killed server is restarted and diagnostics return', async () => {
    const mcalc = await api();
    const before = await mcalc.test.serverInfo();
    process.kill(before.pid, 'SIGKILL');
    const after = await until('a new server process', async () => {
      const info = await mcalc.test.serverInfo();
      return info.pid !== before.pid ? info : undefined;
    }, 30_000);
    assert.notEqual(after.pid, before.pid);
    const editor = await open('wrong-sizes.mcalc');
    await until('diagnostics from the new server', () => errors(editor.document.uri).length > 0 || undefined);
  });

  test('Restart Language Server starts a new process', async () => {
    const mcalc = await api();
    const before = await mcalc.test.serverInfo();
    await vscode.commands.executeCommand('mcalc.restartServer');
    const after = await until('the restarted server', async () => {
      const info = await mcalc.test.serverInfo();
      return info.pid !== before.pid ? info : undefined;
    });
    assert.notEqual(after.pid, before.pid);
  });
});
