import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { ProtocolFailure } from "@/lib/platform/server/protocol-failure";

// A data-API request's body as the ingestion reads it, with what the socket may do to it: a body
// that takes longer than the body timeout, or whose framing breaks (bad chunked encoding, a
// connection closed before Content-Length bytes came), ends the read with a 408 or a 400 that
// the handler (a door) answers in its protocol and journals like any other refusal. Node's HTTP
// parser reports broken framing on the server ('clientError', lib/platform/server/portal-server.ts),
// which finds the request in progress on that socket here.

export interface GuardedBody {
  body: AsyncIterable<Uint8Array>;
  /** Ends the read with this error (no effect once the body has been read). */
  fail(error: ProtocolFailure): void;
  /** Stops the timer and forgets the socket (the answer has been written). */
  done(): void;
}

const inProgress = new WeakMap<Socket, GuardedBody>();

/** The data-API request being read on this socket, if any. */
export function guardedBodyOn(socket: Socket): GuardedBody | undefined {
  return inProgress.get(socket);
}

export function bodyTimedOut(timeoutMs: number): ProtocolFailure {
  return new ProtocolFailure(408, `délai dépassé : le corps n'a pas été reçu en entier dans les ${formatSeconds(timeoutMs)} ; rien n'a été enregistré`);
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1).replace(".", ",")} s`;
}

export function guardBody(req: IncomingMessage, timeoutMs: number): GuardedBody {
  let reject: (e: ProtocolFailure) => void = () => undefined;
  const failed = new Promise<never>((_, r) => (reject = r));
  failed.catch(() => undefined); // observed by the reader, if it is still reading
  let finished = false;
  const timer = setTimeout(() => guarded.fail(bodyTimedOut(timeoutMs)), timeoutMs);
  timer.unref();
  // destroyOnReturn: false: when reading stops early (limit, refusal), the socket stays open long
  // enough to carry the answer, then closes (the unread rest is never consumed).
  const source = req.iterator({ destroyOnReturn: false });
  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        const next = await Promise.race([source.next(), failed]);
        if (next.done) return;
        yield next.value as Uint8Array;
      }
    } finally {
      finished = true;
      clearTimeout(timer);
    }
  }
  const guarded: GuardedBody = {
    body: chunks(),
    fail(error) {
      if (!finished) reject(error);
    },
    done() {
      finished = true;
      clearTimeout(timer);
      if (inProgress.get(req.socket) === guarded) inProgress.delete(req.socket);
    },
  };
  inProgress.set(req.socket, guarded);
  return guarded;
}
