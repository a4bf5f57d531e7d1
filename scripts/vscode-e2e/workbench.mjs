// Opens a real VS Code workbench in headless Chromium for UI smoke tests (installed .vsix, clicks, screenshots).
import { createProfile, installExtension, removeProfile, startCodeServer, workbenchUrl, assertInstalled } from './code-server.mjs';
import { launchChromium } from './launch.mjs';

/**
 * Starts code-server on `folder` with the given .vsix files installed into a fresh profile and
 * loads the workbench; resolves once it is on screen. `close()` ends everything and removes the
 * profile. Wait for what a test needs by polling selectors: an extension activates a while
 * after the workbench appears, so a hover or command is not there at once.
 */
export async function openWorkbench({ folder, installExtensions = [], settings = {}, onOutput = () => {}, viewport = { width: 1280, height: 800 } }) {
  assertInstalled();
  const profile = createProfile(settings);
  let server;
  let browser;
  async function close() {
    await browser?.close().catch(() => {});
    await server?.stop();
    removeProfile(profile);
  }
  try {
    for (const vsix of installExtensions) installExtension(profile, vsix);
    server = await startCodeServer({ profile, folder, onOutput });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport });
    await page.goto(workbenchUrl(server, { folder }));
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    return { page, server, browser, profile, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Runs a command by its palette title, as a user would: F1, type, Enter. */
export async function runPaletteCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}
