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
  let finished = false;
  const finish = () => {
    finished = true;
    clearTimeout(timer);
  };
  const reader = new RequestChunks(req, finish);
  const timer = setTimeout(() => guarded.fail(bodyTimedOut(timeoutMs)), timeoutMs);
  timer.unref();
  const guarded: GuardedBody = {
    body: reader,
    fail(error) {
      if (!finished) reader.fail(error);
    },
    done() {
      finish();
      if (inProgress.get(req.socket) === guarded) inProgress.delete(req.socket);
    },
  };
  inProgress.set(req.socket, guarded);
  return guarded;
}

/**
 * The request's chunks, taken from its buffer with read(): a body already received (a small one,
 * nearly always, by the time its credential is checked) costs no promise but the iteration's own,
 * where a stream iterator costs several per chunk. Otherwise one wait for 'readable' per chunk.
 * Stopping early (return(): a limit, a refusal) leaves the socket open, so that it can still
 * carry the answer; the unread rest is never consumed.
 */
class RequestChunks implements AsyncIterableIterator<Uint8Array> {
  private ended = false;
  private failure: unknown = null;
  /** Wakes a pending wait: with an error, or without to read again. */
  private wake: ((error?: unknown) => void) | null = null;

  constructor(
    private readonly req: IncomingMessage,
    private readonly onEnd: () => void,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  fail(error: unknown): void {
    this.failure ??= error;
    this.wake?.(error);
  }

  async next(): Promise<IteratorResult<Uint8Array>> {
    const req = this.req;
    while (!this.ended) {
      if (this.failure !== null) this.stop(this.failure);
      const chunk = req.read() as Buffer | null;
      if (chunk !== null) return { done: false, value: chunk };
      if (req.readableEnded || (req.complete && req.readableLength === 0)) break;
      if (req.destroyed) this.stop(req.errored ?? new Error("connexion interrompue pendant l'envoi du corps"));
      try {
        await this.nextEvent();
      } catch (e) {
        this.stop(e);
      }
    }
    return this.return();
  }

  async return(): Promise<IteratorResult<Uint8Array>> {
    if (!this.ended) {
      this.ended = true;
      this.onEnd();
    }
    return { done: true, value: undefined };
  }

  private stop(error: unknown): never {
    void this.return();
    throw error;
  }

  /** Data to read, the end, the stream's close or error, or a failure from outside. */
  private nextEvent(): Promise<void> {
    const req = this.req;
    return new Promise<void>((resolve, reject) => {
      const settle = (error?: unknown) => {
        req.off("readable", onEvent);
        req.off("end", onEvent);
        req.off("close", onEvent);
        req.off("error", settle);
        this.wake = null;
        if (error === undefined) resolve();
        else reject(error);
      };
      const onEvent = () => settle();
      req.on("readable", onEvent);
      req.on("end", onEvent);
      req.on("close", onEvent);
      req.on("error", settle);
      this.wake = settle;
    });
  }
}
