import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { freePort } from "@/tests/support/common/free-port";
import os from "node:os";
import path from "node:path";

// A PostgreSQL cluster of a test's own (initdb + pg_ctl on a temporary directory and a free
// port), for tests that stop and restart the database under the server: the shared cluster
// must never be stopped. Run as the postgres user when the tests run as root (initdb refuses
// root). null when the PostgreSQL server binaries are not installed.

export interface PrivateCluster {
  url: string;
  port: number;
  /** Starts the server and waits until it accepts connections (asynchronous: the test's own
   *  server keeps serving meanwhile). */
  start(): Promise<void>;
  /** Fast shutdown: open connections are terminated, new ones refused. */
  stop(): Promise<void>;
  /** Stops the cluster if it runs and deletes its directory. */
  destroy(): void;
}

function binDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], "bin") : null;
}

export function privateClusterMissing(): string | null {
  return binDir() ? null : "binaires du serveur PostgreSQL (initdb, pg_ctl) introuvables sous /usr/lib/postgresql/*/bin";
}

export async function createPrivateCluster(): Promise<PrivateCluster> {
  const bin = binDir();
  if (!bin) throw new Error(privateClusterMissing()!);
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), "advenir-pg-"));
  const data = path.join(dir, "data");
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const commandOf = (tool: string, args: string[]): [string, string[]] =>
    asRoot ? ["runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args]] : [path.join(bin, tool), args];
  const run = (tool: string, args: string[]) => {
    const [command, full] = commandOf(tool, args);
    execFileSync(command, full, { stdio: "pipe", timeout: 120_000 });
  };
  const runAsync = async (tool: string, args: string[]) => {
    const [command, full] = commandOf(tool, args);
    await promisify(execFile)(command, full, { timeout: 120_000 });
  };
  const port = await freePort();
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  let running = false;
  const cluster: PrivateCluster = {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      running = true;
      await runAsync("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);
    },
    async stop() {
      await runAsync("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]);
      running = false;
    },
    destroy() {
      try {
        if (running) run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        running = false;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  try {
    await cluster.start();
  } catch (e) {
    cluster.destroy();
    throw e;
  }
  return cluster;
}
