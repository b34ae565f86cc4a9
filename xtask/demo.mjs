// `cargo xtask dev --demo`: once the local worker answers, signs in (or up) the demo
// account and fills its workspace with the demo leads through POST /api/demo, then says
// how to sign in. Run by the pinned Node with the worker's URL as its one argument.
const base = process.argv[2] ?? "http://127.0.0.1:8787";
const account = { email: "demo@leadkit.local", password: "leadkit demo 2026", name: "데모 관리자", workspace_name: "데모 워크스페이스" };

async function waitForWorker() {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the worker at ${base} did not answer within 2 minutes`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const post = (path, body, cookie) =>
  fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

const cookieOf = (res) => /lk_session=([^;]*)/.exec(res.headers.get("set-cookie") ?? "")?.[0];

await waitForWorker();
let res = await post("/api/auth/signup", account);
if (res.status === 409) res = await post("/api/auth/login", { email: account.email, password: account.password });
const cookie = cookieOf(res);
if (!cookie) {
  console.error(`leadkit demo: could not sign in the demo account (${res.status}): ${await res.text()}`);
  process.exit(1);
}
const filled = await post("/api/demo", { leads: 400 }, cookie);
const body = await filled.json();
if (filled.status === 201) {
  console.error(`leadkit demo: ${body.leads} leads with ${body.touches} touches are in the demo workspace.`);
} else if (body.error === "workspace_not_empty") {
  console.error("leadkit demo: the demo workspace already has its leads.");
} else {
  console.error(`leadkit demo: filling failed (${filled.status}): ${JSON.stringify(body)}`);
  process.exit(1);
}
console.error(`leadkit demo: open ${base} and sign in as ${account.email} / ${account.password}`);
