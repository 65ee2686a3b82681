import { purgeRawBodies } from "@/lib/channels/advenir/purge-raw-bodies";
import { dailyRecompute } from "@/lib/indicators/refresh-indicators";

// The portal's one scheduler of periodic jobs, started by the server (instrumentation.ts, which
// Next.js runs in `npm start`'s server as in `next start`; JOBS_DISABLED=1 skips it). Each job
// runs once shortly after start, then every `everyMs`; timers are unref'd (they never keep the
// process alive), a run never overlaps the previous one, and an error is logged, never thrown: a
// failing job cannot crash the server. The admin's indicator page quotes JOBS (what runs, when).

export interface Job {
  name: string;
  everyMs: number;
  /** Delay before the first run (lets the server finish starting). */
  firstRunMs?: number;
  run(): Promise<unknown>;
}

const DAY_MS = 86_400_000;

export const JOBS: Job[] = [
  {
    name: "recalcul quotidien des indicateurs",
    everyMs: DAY_MS,
    firstRunMs: 10 * 60_000,
    run: async () => console.log(`[tâches] ${await dailyRecompute()}`),
  },
  {
    name: "purge des corps bruts expirés",
    everyMs: DAY_MS,
    firstRunMs: 60_000,
    run: async () => {
      const count = await purgeRawBodies();
      if (count > 0) console.log(`[tâches] ${count} corps bruts expirés effacés`);
    },
  },
];

/** Starts the given jobs (all by default); returns a function that stops them. */
export function startJobs(jobs: Job[] = JOBS, log: Pick<Console, "error"> = console): () => void {
  const timers: NodeJS.Timeout[] = [];
  for (const job of jobs) {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await job.run();
      } catch (e) {
        log.error(`[tâches] échec de « ${job.name} »`, e);
      } finally {
        running = false;
      }
    };
    const first = setTimeout(() => void tick(), job.firstRunMs ?? 0);
    first.unref();
    const every = setInterval(() => void tick(), job.everyMs);
    every.unref();
    timers.push(first, every);
  }
  return () => timers.forEach((t) => clearTimeout(t));
}

let started = false;

/** Starts the jobs once per process (instrumentation may be called more than once). */
export function startJobsOnce(): void {
  if (started || process.env.JOBS_DISABLED === "1") return;
  started = true;
  startJobs();
}
