import { rawSql } from "@/lib/platform/db/database";
import { getEnv } from "@/lib/platform/env";
import { isDatabaseUnavailable } from "@/lib/platform/db/unavailable";
import { recordSubmission, type SubmissionLog } from "@/lib/channels/advenir/record-submission";

// Calls of the data API that could not be journaled because the database was unreachable
// (answered 503): kept in memory, in order, and written once the database is back, so that an
// outage does not erase its own calls from the submissions log. Bounded: at most
// MAX_PENDING entries, without their raw bodies (the memory an outage may hold stays small);
// beyond it the oldest are dropped and counted. A restart of the server during the outage loses
// what is pending: the journal is best effort there, the data never are (nothing was stored).
// See docs/decisions/0011-bounded-request-memory.md and docs/api-advenir.md.

export const MAX_PENDING = 10_000;
/** How often the backlog tries the database again while it holds entries (ms). */
const RETRY_MS = 2_000;

interface Backlog {
  entries: SubmissionLog[];
  dropped: number;
  timer: NodeJS.Timeout | null;
  flushing: Promise<void> | null;
}

const g = globalThis as unknown as { __advenirJournalBacklog?: Backlog };

function backlog(): Backlog {
  g.__advenirJournalBacklog ??= { entries: [], dropped: 0, timer: null, flushing: null };
  return g.__advenirJournalBacklog;
}

/** Entries waiting for the database. */
export function pendingJournalEntries(): number {
  return backlog().entries.length;
}

/** Keeps a call's journal entry for later; the raw body is left out. */
export function deferSubmission(log: SubmissionLog): void {
  const b = backlog();
  b.entries.push({ ...log, rawBody: null });
  if (b.entries.length > MAX_PENDING) {
    b.entries.shift();
    b.dropped++;
  }
  schedule(b);
}

function schedule(b: Backlog): void {
  if (b.timer || b.entries.length === 0) return;
  b.timer = setTimeout(() => {
    b.timer = null;
    void flushJournalBacklog();
  }, RETRY_MS);
  b.timer.unref(); // never keeps the process alive on its own
}

/** Writes the pending entries, oldest first, until done or the database fails again. */
export function flushJournalBacklog(): Promise<void> {
  const b = backlog();
  b.flushing ??= (async () => {
    try {
      while (b.entries.length > 0) {
        await recordSubmission(await rawSql(), b.entries[0]);
        b.entries.shift();
      }
      if (b.dropped > 0 && getEnv().LOG_ERRORS)
        console.warn(`[api advenir] ${b.dropped} appels non journalisés pendant l'indisponibilité de la base (file pleine)`);
      b.dropped = 0;
    } catch (e) {
      if (!isDatabaseUnavailable(e)) {
        // Not an outage: this entry cannot be written at all; say so once and go on with the rest.
        b.entries.shift();
        if (getEnv().LOG_ERRORS) console.error("[api advenir] journal des envois : entrée en attente impossible à écrire", e);
      }
    } finally {
      b.flushing = null;
      schedule(b);
    }
  })();
  return b.flushing;
}
