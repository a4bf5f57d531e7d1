// Settings per resource, pulled with workspace/configuration and cached until the client says they changed.
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, readSettings, SECTION, type Settings } from './settings';

export class SettingsStore {
  private readonly perUri = new Map<string, Promise<Settings>>();
  /** For clients without workspace/configuration: what didChangeConfiguration last pushed. */
  private pushed: Settings = DEFAULT_SETTINGS;

  constructor(private readonly connection: Connection, private readonly pull: boolean) {}

  get(uri: string): Promise<Settings> {
    if (!this.pull) return Promise.resolve(this.pushed);
    let settings = this.perUri.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION }).then(
        (raw: unknown) => readSettings(raw),
        (e: unknown) => {
          this.connection.console.warn(`mcalc: could not read the settings for ${uri}, using the defaults: ${String(e)}`);
          return DEFAULT_SETTINGS;
        },
      );
      this.perUri.set(uri, settings);
    }
    return settings;
  }

  /** didChangeConfiguration: drop what was pulled; a push-only client sends the settings themselves. */
  changed(settings: unknown): void {
    this.perUri.clear();
    if (!this.pull && settings && typeof settings === 'object') this.pushed = readSettings((settings as Record<string, unknown>)[SECTION]);
  }

  forget(uri: string): void {
    this.perUri.delete(uri);
  }
}
