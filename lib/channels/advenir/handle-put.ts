import type { DataEnv } from "@/generated/prisma/enums";
import { db, rawSql } from "@/lib/platform/db/database";
import { getEnv } from "@/lib/platform/env";
import { authenticateOperator, clientIp, OperatorAuthError, type OperatorPrincipal } from "@/lib/channels/advenir/operator-basic";
import { clearFailures } from "@/lib/auth/throttle";
import { recordAuthFailure } from "@/lib/security/record-auth-failure";
import { advenirFailure, advenirSuccess, toResponse, type AdvenirAnswer } from "@/lib/channels/advenir/advenir-response";
import { checkContentType, readBody, webStreamChunks, type BodySource } from "@/lib/channels/advenir/read-body";
import { storeBody, validateBody, type ValidatedBody } from "@/lib/channels/advenir/ingest-body";
import { rawBodyForStorage, recordSubmission, type SubmissionLog } from "@/lib/channels/advenir/record-submission";
import type { Endpoint } from "@/lib/channels/advenir/normalize-body";
import { bodyBudget, type BodyClaim } from "@/lib/channels/advenir/body-budget";
import { deferSubmission, pendingJournalEntries, flushJournalBacklog } from "@/lib/channels/advenir/journal-backlog";
import { isDatabaseUnavailable } from "@/lib/platform/db/unavailable";

// The HTTP side of /api/courbe/put and /api/operation/put: authenticate (before reading
// anything), check the content type, read the body with its size limits, ingest, answer in the
// protocol's shape, and log the call as a submission whatever happened once authenticated (a
// successful ingestion writes its submission row in the same statement as the data). A failed
// authentication is counted in the security log instead (lib/security/): it belongs to no
// operator's journal, whichever login it tried.
//
// Two callers share it: the production server answers these two paths itself, without going
// through Next.js (lib/channels/advenir/serve-advenir-put.ts: small puts are latency-bound and Next's
// request machinery costs more than the ingestion), and the route files under app/api/ serve
// them in `next dev` and anywhere else Next.js is the server.

/** Declared bodies up to this size may be authenticated from memory (OperatorPrincipal.remembered). */
const REMEMBERED_MAX_BODY_BYTES = 256 * 1024;

export interface PutRequest extends BodySource {
  method: string;
}

export async function answerAdvenirPut(endpoint: Endpoint, request: PutRequest): Promise<AdvenirAnswer> {
  const path = `/api/${endpoint}/put`;
  const startedAt = performance.now();
  const receivedAt = new Date();
  const ipAddress = clientIp(request);
  let who: { operatorId: string; credentialId: string; env: DataEnv } | undefined;
  const log: ReceiveLog = { sizeBytes: 0, rawBody: Promise.resolve(null) };
  let answer: AdvenirAnswer;
  let recorded = false;
  // The body's bytes are charged to the process-wide budget from the first byte read until the
  // call is answered and journaled (lib/channels/advenir/body-budget.ts).
  const claim = bodyBudget().open();
  let principal: OperatorPrincipal | undefined;
  // A credential verified from memory is verified again from the database before anything but a
  // success is answered (and by the write's gate): the answer is then the one a request reading
  // the database first would get (401 or 429, in the security log rather than the journal).
  const verifyAgain = async () => {
    const again = await authenticateOperator(request);
    if (again.credentialId !== principal?.credentialId) throw new OperatorAuthError("UNAUTHENTICATED", "identifiant ou secret incorrect, ou accès révoqué");
    principal = again;
  };
  try {
    const env = getEnv();
    // The shortcut is for small bodies, the many puts of a client: one declared large reads the
    // database first (one round trip is nothing to it), so that refusing it unread (413, 503) is
    // answered at once, while the client is still sending it.
    const declared = Number(request.headers.get("content-length"));
    principal = await authenticateOperator(request, { fromMemory: !(declared > REMEMBERED_MAX_BODY_BYTES) });
    const operator = { operatorId: principal.operatorId, credentialId: principal.credentialId, env: principal.env };
    who = operator;
    checkContentType(request.headers.get("content-type"));
    log.sizeBytes = Number(request.headers.get("content-length")) || 0;
    const body = await receiveBody(
      request,
      { endpoint, operatorId: operator.operatorId, archive: operator.env === "sandbox" || env.RAW_BODY_RETENTION_DAYS > 0, claim },
      log,
    );
    const result = await storeBody({
      sql: await rawSql(),
      operatorId: operator.operatorId,
      env: operator.env,
      body,
      startedAt,
      submission: { ...operator, endpoint: path, method: request.method, ipAddress, receivedAt, sizeBytes: log.sizeBytes, rawBody: log.rawBody },
      remembered: principal.remembered ? { checks: principal.remembered, verifyAgain } : undefined,
    });
    recorded = true;
    // A success clears the login's throttle failures (done at authentication when it read the database).
    if (result.userFailures && principal.remembered) await clearFailures(await db(), principal.remembered.userKey).catch(() => undefined);
    answer = advenirSuccess(result);
  } catch (caught) {
    let e = caught;
    if (principal?.remembered && !recorded && !(e instanceof OperatorAuthError)) {
      try {
        await verifyAgain();
      } catch (authError) {
        if (authError instanceof OperatorAuthError) e = authError;
      }
    }
    answer = advenirFailure(e);
    if (e instanceof OperatorAuthError) {
      recorded = true;
      try {
        await recordAuthFailure(await rawSql(), {
          ...e.attempt,
          ipAddress,
          blocked: e.code === "TOO_MANY_REQUESTS",
          at: receivedAt,
          endpoint: path,
          httpStatus: answer.status,
        });
      } catch (logError) {
        if (getEnv().LOG_ERRORS) console.error("[api advenir] journal de sécurité indisponible", logError);
      }
    }
  }
  if (!recorded) {
    const entry: SubmissionLog = {
      env: who?.env ?? null,
      operatorId: who?.operatorId ?? null,
      credentialId: who?.credentialId ?? null,
      endpoint: path,
      method: request.method,
      ipAddress,
      receivedAt,
      durationMs: performance.now() - startedAt,
      sizeBytes: log.sizeBytes,
      httpStatus: answer.status,
      outcome: "ECHEC",
      received: 0,
      stored: 0,
      unchanged: 0,
      warnings: [],
      errors: "erreurs" in answer.body ? answer.body.erreurs : [],
      rawBody: await log.rawBody.catch(() => null),
    };
    try {
      await recordSubmission(await rawSql(), entry);
    } catch (e) {
      // The database is down (the call itself was answered 503): journaled once it is back.
      if (isDatabaseUnavailable(e)) deferSubmission(entry);
      else if (getEnv().LOG_ERRORS) console.error("[api advenir] journal des envois indisponible", e);
    }
  }
  claim.release();
  // Entries kept during an outage are written as soon as a call shows the database is back.
  if (pendingJournalEntries() > 0 && answer.status !== 503) void flushJournalBacklog();
  return answer;
}

/** What the log needs to know of the body, even when reading or validating it fails. */
interface ReceiveLog {
  sizeBytes: number;
  /** The raw body's archive, compressed in the thread pool while the body is validated. */
  rawBody: Promise<Buffer | null>;
}

/**
 * Reads and validates the body. The bytes and text are local to this call (the archive keeps the
 * bytes only until compressed), so that a large body is not held as bytes, text, parsed JSON and
 * rows all at once while it is stored.
 */
async function receiveBody(
  request: PutRequest,
  options: { endpoint: Endpoint; operatorId: string; archive: boolean; claim: BodyClaim },
  log: ReceiveLog,
): Promise<ValidatedBody> {
  const env = getEnv();
  const body = await readBody(request, { maxBytes: env.API_MAX_BODY_BYTES, maxInflatedBytes: env.API_MAX_INFLATED_BYTES, claim: options.claim });
  log.sizeBytes = body.raw.length;
  if (options.archive) {
    log.rawBody = rawBodyForStorage(body);
    log.rawBody.catch(() => undefined); // awaited later; never an unhandled rejection meanwhile
  }
  return validateBody(body.text, { endpoint: options.endpoint, operatorId: options.operatorId, now: new Date() });
}

/** The route handler of app/api/<endpoint>/put (POST and PUT). */
export function advenirPutHandler(endpoint: Endpoint) {
  return async function handle(request: Request): Promise<Response> {
    return toResponse(await answerAdvenirPut(endpoint, { method: request.method, headers: request.headers, body: webStreamChunks(request.body) }));
  };
}
