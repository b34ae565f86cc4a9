// Debian's Chromium driven by playwright-core: never a downloaded browser, kept off
// every network but loopback.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const args = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
];

/** A fresh browser profile; returns { context, close() }. */
export async function launchBrowser({ locale = "en-US" } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "leadkit-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args,
    locale,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Gives `context` the session `cookie` (`lk_session=…`, as `signUp` returns it) for the
 * worker at `url`, as the sign-in answer would have set it.
 */
export async function addSession(context, url, cookie) {
  const [name, value] = cookie.split("=");
  await context.addCookies([{ name, value, url, httpOnly: true, sameSite: "Lax" }]);
}
