import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "@/tests/support/common/free-port";

// Starts the real portal server (`npx tsx cli/start.ts`, the same start-up as `npm start`)
// as a child process on a free port, for a test or a benchmark that needs a server of its own
// (its own database or environment). Waits until /api/health answers 200.

export interface PortalServer {
  child: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

/** `env` may turn the demo data on (SEED_DEMO=1, off by default here); `timeoutMs` bounds the start. */
export async function startPortalServer(env: Record<string, string>, options: { timeoutMs?: number } = {}): Promise<PortalServer> {
  const port = await freePort();
  const child = spawn("npx", ["tsx", "cli/start.ts"], {
    env: { ...process.env, SEED_DEMO: "0", NEXT_TELEMETRY_DISABLED: "1", ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Le serveur s'est arrêté :\n${output}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`Le serveur n'a pas démarré :\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    child,
    port,
    stop: async () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 500));
    },
  };
}
