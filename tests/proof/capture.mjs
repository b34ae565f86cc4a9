// Capture endpoint benchmark for `cargo xtask proof-bench` (a benchmark, not a test):
// autocannon on loopback against our worker under `wrangler dev` (POST /f/contact with
// a valid JSON submission, a fresh address each request) and against an empty worker
// (returns 200) on the same workerd as the ceiling. Per side: requests/s, p50, p99 and
// the workerd processes' CPU time per request, the median of several runs. Prints one
// `proof: {json}` line.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { root, startWorker } from "../support/worker.mjs";
import { humanExtras } from "../support/forms.mjs";
import { cpuMs, processTree } from "./cpu.mjs";

const seconds = Number(process.env.PROOF_BENCH_CAPTURE_SECONDS ?? 10);
const runs = Number(process.env.PROOF_BENCH_RUNS ?? 3);
const connections = 20;

const offlineEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  CI: "true",
};

/** The empty worker: a module that answers 200, served by the same wrangler and workerd. */
async function startEmptyWorker() {
  const dir = mkdtempSync(join(tmpdir(), "leadkit-empty-"));
  const date = readFileSync(join(root, "wrangler.toml"), "utf8").match(/^compatibility_date = "(.*)"$/m)[1];
  writeFileSync(join(dir, "index.js"), 'export default { fetch() { return new Response("ok"); } };\n');
  writeFileSync(join(dir, "wrangler.toml"), `name = "empty"\nmain = "index.js"\ncompatibility_date = "${date}"\n`);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(
    process.execPath,
    [join(root, "node_modules/wrangler/bin/wrangler.js"), "dev", "--local", "--ip", "127.0.0.1",
      "--port", String(port), "--show-interactive-dev-session=false", "--inspector-port", "0",
      "--persist-to", join(dir, "state")],
    { env: offlineEnv, cwd: dir, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${output}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the empty worker did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid,
    async stop() {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `runs` autocannon runs against `options`, with workerd CPU time per request. */
async function measure(pid, options) {
  const pids = processTree(pid);
  // One short unmeasured run first: workerd compiles the worker on its first requests.
  await autocannon({ connections, duration: 1, ...options });
  const results = [];
  for (let r = 0; r < runs; r++) {
    const before = cpuMs(pids.workerd);
    const beforeAll = cpuMs(pids.all);
    const result = await autocannon({ connections, duration: seconds, ...options });
    const cpu = cpuMs(pids.workerd) - before;
    const cpuAll = cpuMs(pids.all) - beforeAll;
    const requests = result.requests.total;
    results.push({
      requests_per_s: requests / (result.duration || seconds),
      p50_ms: result.latency.p50,
      p99_ms: result.latency.p99,
      cpu_ms_per_request: requests ? cpu / requests : null,
      all_cpu_ms_per_request: requests ? cpuAll / requests : null,
      requests,
      non_2xx: result.non2xx,
      errors: result.errors + result.timeouts,
    });
  }
  const pick = (key) => median(results.map((x) => x[key]));
  return {
    requests_per_s: pick("requests_per_s"),
    p50_ms: pick("p50_ms"),
    p99_ms: pick("p99_ms"),
    cpu_ms_per_request: pick("cpu_ms_per_request"),
    all_cpu_ms_per_request: pick("all_cpu_ms_per_request"),
    workerd_processes: pids.workerd.length,
    runs: results,
  };
}

const ours = await startWorker();
let i = 0;
const capture = await measure(ours.pid, {
  url: `${ours.url}/f/contact`,
  requests: [{
    method: "POST",
    setupRequest(req) {
      i++;
      return {
        ...req,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: `bench${i}@acme.co.kr`, name: `벤치 ${i}`, company: "에이크미", ...humanExtras() }),
      };
    },
  }],
});
const stored = ours.d1("SELECT count(*) AS n FROM leads")[0].n;
await ours.stop();

const empty = await startEmptyWorker();
const ceiling = await measure(empty.pid, { url: `${empty.url}/` });
await empty.stop();

console.log(`proof: ${JSON.stringify({ figure: "capture", seconds, connections, runs, capture, ceiling, leads_stored: stored })}`);
