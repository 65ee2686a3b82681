import { readFileSync, readdirSync, readlinkSync, writeFileSync } from "node:fs";
import { startPortalServer, type PortalServer } from "@/tests/support/common/portal-server";

// Starts the real portal server (tests/support/common/portal-server.ts) and finds, among its descendants
// (npx → tsx → node), the Node process that owns the listening socket: the one serving
// requests, whose peak RSS (VmHWM) is measured.

export interface RunningServer extends PortalServer {
  /** The pid of the Node process listening on the port. */
  pid: number;
}

function children(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

function descendants(pid: number): number[] {
  const direct = children(pid);
  return direct.flatMap((c) => [c, ...descendants(c)]);
}

function listeningInode(port: number): string | null {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 9 && cols[1].endsWith(`:${hex}`) && cols[3] === "0A") return cols[9];
    }
  }
  return null;
}

function ownsSocket(pid: number, inode: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

/** VmHWM (peak resident set) and VmRSS of a process, in bytes. */
export function memoryOf(pid: number): { peak: number; rss: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
  return { peak: kb("VmHWM"), rss: kb("VmRSS") };
}

/** Resets the peak RSS (VmHWM) to the current RSS; false when the kernel refuses. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const server = await startPortalServer(env);
  if (process.env.BENCH_SERVER_LOG === "1") {
    server.child.stdout!.on("data", (d: Buffer) => process.stderr.write(`[server] ${d}`));
    server.child.stderr!.on("data", (d: Buffer) => process.stderr.write(`[server] ${d}`));
  }
  const inode = listeningInode(server.port);
  const pid = inode ? descendants(server.child.pid!).find((p) => ownsSocket(p, inode)) : undefined;
  if (!pid) {
    await server.stop();
    throw new Error("Processus du serveur introuvable");
  }
  return { ...server, pid };
}
