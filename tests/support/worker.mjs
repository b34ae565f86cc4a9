// Starts the real worker under `wrangler dev` (workerd) on a free loopback port, over a
// fresh local D1 migrated from migrations/, and serving the built app. The build is
// `cargo xtask build`'s job: the config copied here drops wrangler.toml's [build] so a
// test never rebuilds.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync, readdirSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const root = resolve(import.meta.dirname, "..", "..");

const offlineEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  CI: "true",
};

const wranglerJs = join(root, "node_modules/wrangler/bin/wrangler.js");

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/**
 * wrangler.toml without its [build] table, with paths made absolute; `assets` (a
 * directory) replaces the built dist/ when given.
 */
function testConfig(dir, assets) {
  const lines = readFileSync(join(root, "wrangler.toml"), "utf8").split("\n");
  const kept = [];
  let inBuild = false;
  for (const line of lines) {
    const header = line.match(/^\s*\[+([^\]]+)\]+/);
    if (header) inBuild = header[1].trim() === "build";
    if (!inBuild) kept.push(line);
  }
  const text = kept
    .join("\n")
    .replace(/^main = "(.*)"$/m, (_, p) => `main = "${join(root, p)}"`)
    .replace(/^directory = "(.*)"$/m, (_, p) => `directory = "${assets ?? join(root, p)}"`)
    .replace(/^migrations_dir = "(.*)"$/m, (_, p) => `migrations_dir = "${join(root, p)}"`);
  const path = join(dir, "wrangler.toml");
  writeFileSync(path, text);
  return path;
}

/**
 * Starts a worker; returns { url, persistDir, d1(sql), stop() }. `seed` is SQL run on
 * the migrated database before the worker starts (test forms with definitions). `vars`
 * override wrangler.toml [vars]; the capture, sign-in and tracking rate limits are raised
 * out of the way unless a test sets them, since every test comes from the same loopback
 * address. `assets` serves another directory than dist/ (a copy a test may change, as
 * a new deployment would).
 * `d1(sql)` reads the worker's local D1 (its SQLite file, opened read-only) and returns
 * the rows: the ground truth of what the worker stored.
 */
export async function startWorker({ seed, vars = {}, assets } = {}) {
  const allVars = {
    CAPTURE_RATE_LIMIT: "100000/60",
    LOGIN_RATE_LIMIT: "100000/60",
    TRACK_RATE_LIMIT: "100000/60",
    ...vars,
  };
  for (const built of ["worker/build/worker/shim.mjs", "dist/index.html"]) {
    if (!existsSync(join(root, built))) {
      throw new Error(`${built} is missing: run \`cargo xtask build\` first`);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), "leadkit-test-"));
  const config = testConfig(dir, assets);
  const persistDir = join(dir, "state");
  const wrangler = (args) =>
    execFileSync(process.execPath, [wranglerJs, ...args, "--config", config], {
      env: offlineEnv,
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  wrangler(["d1", "migrations", "apply", "leadkit", "--local", "--persist-to", persistDir]);
  if (seed) {
    const seedFile = join(dir, "seed.sql");
    writeFileSync(seedFile, seed);
    wrangler(["d1", "execute", "leadkit", "--local", "--persist-to", persistDir, "--file", seedFile, "--yes"]);
  }

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  let child;
  // wrangler runs workerd as its own child: each run gets a process group of its own so
  // `crash()` can kill both at once, as a power cut would.
  const launch = async () => {
    child = spawn(
      process.execPath,
      [
        wranglerJs, "dev", "--config", config, "--local", "--ip", "127.0.0.1", "--port", String(port),
        "--persist-to", persistDir, "--show-interactive-dev-session=false", "--inspector-port", "0",
        ...Object.entries(allVars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
      ],
      { env: offlineEnv, cwd: dir, stdio: ["ignore", "pipe", "pipe"], detached: true },
    );
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${output}`);
      try {
        const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        process.kill(-child.pid, "SIGKILL");
        throw new Error(`wrangler dev did not answer within 60 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  await launch();

  return {
    url,
    /** The `wrangler dev` process (workerd runs beneath it), for CPU accounting. */
    pid: child.pid,
    /** POSTs `body` to `path` as a client would, without following redirects. */
    post(path, { contentType, body, accept, headers = {} } = {}) {
      const h = { ...headers };
      if (contentType) h["content-type"] = contentType;
      if (accept) h.accept = accept;
      return fetch(`${url}${path}`, {
        method: "POST",
        headers: h,
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(10_000),
      });
    },
    persistDir,
    output: () => output,
    d1(sql, ...params) {
      const dbDir = join(persistDir, "v3/d1/miniflare-D1DatabaseObject");
      const file = readdirSync(dbDir).find((n) => n.endsWith(".sqlite") && n !== "metadata.sqlite");
      const db = new DatabaseSync(join(dbDir, file), { readOnly: true });
      try {
        return db.prepare(sql).all(...params);
      } finally {
        db.close();
      }
    },
    /**
     * Writes to the worker's local D1 behind its back. Only for standing in for the
     * passage of time (moving a stored due time into the past), never for setting up
     * what the API can set up.
     */
    d1Write(sql, ...params) {
      const dbDir = join(persistDir, "v3/d1/miniflare-D1DatabaseObject");
      const file = readdirSync(dbDir).find((n) => n.endsWith(".sqlite") && n !== "metadata.sqlite");
      const db = new DatabaseSync(join(dbDir, file));
      try {
        return db.prepare(sql).run(...params);
      } finally {
        db.close();
      }
    },
    /**
     * Runs `write(db)` on the worker's local D1 in one transaction, behind its back:
     * for benchmarks that seed more rows than the API could store in reasonable time.
     */
    d1Bulk(write) {
      const dbDir = join(persistDir, "v3/d1/miniflare-D1DatabaseObject");
      const file = readdirSync(dbDir).find((n) => n.endsWith(".sqlite") && n !== "metadata.sqlite");
      const db = new DatabaseSync(join(dbDir, file));
      try {
        db.exec("BEGIN");
        write(db);
        db.exec("COMMIT");
      } finally {
        db.close();
      }
    },
    /**
     * Kills wrangler and workerd at once with SIGKILL (no shutdown, a write may be cut
     * off mid-way), keeping the local D1 state for `restart()`.
     */
    async crash() {
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid, "SIGKILL");
      await exited;
    },
    /** Starts the worker again on the same port and local D1 state. */
    async restart() {
      await launch();
    },
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
