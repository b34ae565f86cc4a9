// Lighthouse (npm, driving Debian's Chromium through CHROME_PATH) on the app served by
// our worker under `wrangler dev`, for `cargo xtask proof-bench`: the sign-in page, and
// the leads view of a freshly signed-up workspace (its session cookie sent with
// --extra-headers). Lighthouse's defaults: mobile emulation, simulated throttling.
// Prints one `proof: {json}` line.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root, startWorker } from "../support/worker.mjs";
import { signUp } from "../support/auth.mjs";

const chromeFlags = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
].join(" ");
/** Installability audits Lighthouse used to have; reported if this version still has any. */
const installAudits = ["installable-manifest", "service-worker", "splash-screen", "themed-omnibox", "maskable-icon"];

function audit(url, extraHeaders) {
  const dir = mkdtempSync(join(tmpdir(), "leadkit-lighthouse-"));
  const out = join(dir, "report.json");
  const args = [
    join(root, "node_modules/lighthouse/cli/index.js"), url, "--quiet", "--output=json", `--output-path=${out}`,
    `--chrome-flags=${chromeFlags}`, "--only-categories=performance,accessibility,best-practices",
  ];
  if (extraHeaders) args.push(`--extra-headers=${JSON.stringify(extraHeaders)}`);
  execFileSync(process.execPath, args, {
    env: { ...process.env, CHROME_PATH: "/usr/bin/chromium" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const lhr = JSON.parse(readFileSync(out, "utf8"));
  rmSync(dir, { recursive: true, force: true });
  const score = (id) => (lhr.categories[id]?.score == null ? null : Math.round(lhr.categories[id].score * 100));
  const installability = Object.fromEntries(
    installAudits.filter((id) => lhr.audits[id]).map((id) => [id, lhr.audits[id].score]),
  );
  return {
    url: new URL(url).pathname,
    performance: score("performance"),
    accessibility: score("accessibility"),
    best_practices: score("best-practices"),
    first_contentful_paint_ms: lhr.audits["first-contentful-paint"]?.numericValue,
    largest_contentful_paint_ms: lhr.audits["largest-contentful-paint"]?.numericValue,
    total_blocking_time_ms: lhr.audits["total-blocking-time"]?.numericValue,
    installability,
    lighthouse: lhr.lighthouseVersion,
    user_agent: lhr.environment?.hostUserAgent,
  };
}

const worker = await startWorker();
try {
  // Every request to the worker first: after a long audit, a pooled keep-alive
  // connection may already be closed by workerd.
  const { cookie } = await signUp(worker.url, { email: `lighthouse${Date.now()}@acme.co.kr` });
  const manifest = await fetch(`${worker.url}/manifest.webmanifest`);
  const signIn = audit(`${worker.url}/`);
  const leads = audit(`${worker.url}/leads`, { Cookie: cookie });
  console.log(`proof: ${JSON.stringify({ figure: "lighthouse", sign_in: signIn, leads, manifest_status: manifest.status })}`);
} finally {
  await worker.stop();
}
