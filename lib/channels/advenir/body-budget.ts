import { getEnv } from "@/lib/platform/env";
import { IngestError, SERVER_PATH } from "@/lib/channels/advenir/errors";

// The process-wide budget of body bytes held by data-API requests in progress: what bounds the
// server's memory when many large bodies come at once (docs/decisions/0011-bounded-request-memory.md).
// Each request opens a claim and charges it as bytes arrive (the declared Content-Length up
// front, then anything beyond it, then the inflated bytes of a gzip body); the claim is released
// when the request has been answered and journaled, since the body's text, parse and rows live
// until then. A charge that would take the total over the budget is refused with a 503 and
// Retry-After, except for a request alone in progress: a single body within the per-request
// limits is always admitted, so a budget smaller than those limits never refuses a body forever.

/** Seconds a client is told to wait (Retry-After) when the budget is full. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

export function serverBusy(): IngestError {
  return new IngestError(
    503,
    [
      {
        chemin: SERVER_PATH,
        message: `serveur momentanément saturé (trop de corps en cours de traitement) : rien n'a été enregistré ; réessayez dans ${BUSY_RETRY_AFTER_SECONDS} s`,
      },
    ],
    { "Retry-After": String(BUSY_RETRY_AFTER_SECONDS) },
  );
}

export class BodyBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  /** Bytes currently charged by requests in progress. */
  get inFlight(): number {
    return this.used;
  }

  open(): BodyClaim {
    return new BodyClaim(this);
  }

  /** @internal charges `bytes` for a claim already holding `held`; throws 503 when over budget. */
  take(bytes: number, held: number): void {
    const alone = this.used === held;
    if (!alone && this.used + bytes > this.limit) throw serverBusy();
    this.used += bytes;
  }

  /** @internal */
  give(bytes: number): void {
    this.used -= bytes;
  }
}

export class BodyClaim {
  private held = 0;
  private released = false;

  constructor(private readonly budget: BodyBudget) {}

  /** Bytes this request holds against the budget. */
  get bytes(): number {
    return this.held;
  }

  /** Charges `bytes` more; throws a 503 IngestError when the budget cannot hold them. */
  charge(bytes: number): void {
    if (this.released || bytes <= 0) return;
    this.budget.take(bytes, this.held);
    this.held += bytes;
  }

  /** Makes sure at least `total` bytes are charged (a declared length charged up front). */
  chargeUpTo(total: number): void {
    if (total > this.held) this.charge(total - this.held);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.budget.give(this.held);
    this.held = 0;
  }
}

const g = globalThis as unknown as { __advenirBodyBudget?: BodyBudget };

/** The process's budget (API_MAX_INFLIGHT_BODY_BYTES). */
export function bodyBudget(): BodyBudget {
  g.__advenirBodyBudget ??= new BodyBudget(getEnv().API_MAX_INFLIGHT_BODY_BYTES);
  return g.__advenirBodyBudget;
}
