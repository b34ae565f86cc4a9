// CPU time of the workerd processes beneath a `wrangler dev`, read from /proc, for the
// capture benchmark's CPU time per request.
import { readdirSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";

/** Clock ticks per second (the unit of utime and stime in /proc/<pid>/stat). */
const ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: split after it.
    const close = text.lastIndexOf(")");
    const comm = text.slice(text.indexOf("(") + 1, close);
    const rest = text.slice(close + 2).split(" ");
    return { pid: Number(pid), comm, ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return null;
  }
}

/** The processes descending from `rootPid` (itself included): { workerd, all } pids. */
export function processTree(rootPid) {
  const all = readdirSync("/proc").filter((n) => /^\d+$/.test(n)).map(stat).filter(Boolean);
  const below = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) {
      if (below.has(p.ppid) && !below.has(p.pid)) {
        below.add(p.pid);
        grew = true;
      }
    }
  }
  const tree = all.filter((p) => below.has(p.pid));
  return { workerd: tree.filter((p) => p.comm.startsWith("workerd")).map((p) => p.pid), all: tree.map((p) => p.pid) };
}

/** User + system CPU milliseconds the processes have used so far. */
export function cpuMs(pids) {
  let ticks = 0;
  for (const pid of pids) ticks += stat(pid)?.ticks ?? 0;
  return (ticks * 1000) / ticksPerSecond;
}
