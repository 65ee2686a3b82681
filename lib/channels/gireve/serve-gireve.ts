import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { getEnv } from "@/lib/platform/env";
import { rawSql } from "@/lib/platform/db/database";
import { guardBody } from "@/lib/platform/server/guarded-body";
import { discardRest } from "@/lib/platform/server/discard-body";
import { ProtocolFailure } from "@/lib/platform/server/protocol-failure";
import { CLIENT_CERT_FINGERPRINT_HEADER, CLIENT_IP_HEADER } from "@/lib/platform/server/trusted-headers";
import { DEFAULT_XML_LIMITS } from "@/lib/platform/xml/read-xml";
import { storableText } from "@/lib/schemas/identifiers";
import { authenticateRelay, RelayAuthError, type RelayPrincipal } from "@/lib/gireve-relay/authenticate-relay";
import { recordAuthFailure } from "@/lib/security/record-auth-failure";
import { relayJournalParams, type RelayCallJournal } from "@/lib/statuses/write-relay-status";
import { answerEnvelope, faultEnvelope, openEnvelope, SoapFault } from "@/lib/channels/gireve/emip/soap";
import { decodeMessage } from "@/lib/channels/gireve/emip/decode-message";
import { handleMessage, type MessageOutcome } from "@/lib/channels/gireve/emip/handle-message";

// The GIREVE door (issue 18, ADR 0023): eMIP's SOAP 1.2 messages, one per POST to
// /api/gireve/emip, answered by the portal's Node server before Next.js. In order: the relay's
// authentication (certificate through the trusted proxy, or Basic), the body (at most the XML
// reader's size, within the body timeout), the envelope and its message (a SOAP Fault when they
// cannot be read), then the message stored and answered with its eMIP requestStatus. Every call
// whose relay is authenticated is journaled (table submission, door GIREVE): for the operator the
// message concerns when it names one the portal knows, else for the admin's view only.

export const GIREVE_EMIP_PATH = "/api/gireve/emip";
export const GIREVE_WSDL_PATH = "/api/gireve-emip.wsdl";
const SOAP_CONTENT_TYPE = "application/soap+xml; charset=utf-8";
const WWW_AUTHENTICATE = 'Basic realm="GIREVE", charset="UTF-8"';

export function isGirevePath(url: string | undefined): boolean {
  const u = url ?? "";
  return u === GIREVE_EMIP_PATH || u.startsWith(`${GIREVE_EMIP_PATH}?`);
}

interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

const faultAnswer = (fault: SoapFault, headers?: Record<string, string>, status?: number): Answer => ({
  status: status ?? (fault.code === "Receiver" ? 500 : 400),
  body: faultEnvelope(fault),
  headers,
});

async function readBody(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > DEFAULT_XML_LIMITS.maxBytes)
      throw new SoapFault("Sender", `enveloppe trop volumineuse : au plus ${DEFAULT_XML_LIMITS.maxBytes} octets (un message par appel)`);
    parts.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return Buffer.concat(parts, size);
}

function headerOf(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

/** A journal row written apart from any data (refusals, faults): no wait for the disk (ADR 0020). */
async function journalApart(journal: RelayCallJournal, env: string, operatorId: string | null, httpStatus: number, error: { chemin: string; message: string }) {
  const sql = await rawSql();
  await sql.query(
    `INSERT INTO submission (door, env, operator_id, relay_account_id, endpoint, method, ip_address, received_at, duration_ms, size_bytes,
                             http_status, outcome, received, stored, unchanged, warnings, errors)
     VALUES ('GIREVE', $1::"DataEnv", $2::uuid, $3::uuid, $4, $5, $6, $7::timestamptz, $8::int, $9::int, $10::int, 'ECHEC', 1, 0, 0, '[]'::jsonb, $11::jsonb)`,
    [
      env,
      operatorId,
      ...relayJournalParams(journal),
      httpStatus,
      JSON.stringify([{ chemin: storableText(error.chemin), message: storableText(error.message) }]),
    ],
    { name: "gireve_journal", relaxedCommit: true },
  );
}

async function answerCall(req: IncomingMessage, chunks: AsyncIterable<Uint8Array>, started: number, receivedAt: Date): Promise<Answer> {
  const ip = headerOf(req, CLIENT_IP_HEADER)?.trim() || "inconnue";
  let principal: RelayPrincipal;
  try {
    principal = await authenticateRelay({ fingerprint: headerOf(req, CLIENT_CERT_FINGERPRINT_HEADER), authorization: headerOf(req, "authorization"), ip });
  } catch (e) {
    if (!(e instanceof RelayAuthError)) throw e;
    await recordAuthFailure(await rawSql(), {
      login: e.login,
      ipAddress: ip,
      operatorId: null,
      blocked: e.status === 429,
      at: receivedAt,
      endpoint: GIREVE_EMIP_PATH,
      httpStatus: e.status,
    });
    const headers: Record<string, string> = e.status === 401 ? { "WWW-Authenticate": WWW_AUTHENTICATE } : { "Retry-After": String(e.retryAfterSeconds ?? 60) };
    return faultAnswer(new SoapFault("Sender", `authentification refusée : ${e.message}`), headers, e.status);
  }
  const journal: RelayCallJournal = {
    relayAccountId: principal.id,
    endpoint: GIREVE_EMIP_PATH,
    method: req.method ?? "POST",
    ipAddress: headerOf(req, CLIENT_IP_HEADER),
    receivedAt,
    durationMs: 0,
    sizeBytes: 0,
    warnings: [],
  };
  let outcome: MessageOutcome;
  let response: { name: string; ns: string; transactionId?: string; serviceSessionId?: string };
  try {
    const type = (headerOf(req, "content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (type !== "application/soap+xml" && type !== "text/xml")
      throw new SoapFault("Sender", `type de contenu ${JSON.stringify(type)} non accepté : application/soap+xml (SOAP 1.2) attendu`);
    const bytes = await readBody(chunks);
    journal.sizeBytes = bytes.length;
    const root = openEnvelope(bytes.toString("utf8"));
    const decoded = decodeMessage(root);
    response = {
      name: root.local.replace(/Request$/, "Response"),
      ns: root.ns,
      transactionId: decoded.message.transactionId,
      serviceSessionId: decoded.kind === "cdr" ? decoded.message.chargeDetailRecord.serviceSessionId : undefined,
    };
    journal.durationMs = Math.round(performance.now() - started);
    outcome = await handleMessage(decoded, principal, journal);
  } catch (e) {
    const fault = e instanceof SoapFault ? e : e instanceof ProtocolFailure ? new SoapFault("Sender", e.message) : null;
    if (!fault) throw e;
    const answer = faultAnswer(fault, e instanceof ProtocolFailure ? { Connection: "close" } : undefined, e instanceof ProtocolFailure ? e.status : undefined);
    journal.durationMs = Math.round(performance.now() - started);
    await journalApart(journal, principal.env, null, answer.status, { chemin: "soap:Envelope", message: fault.reason });
    return answer;
  }
  if (outcome.refusal) {
    journal.durationMs = Math.round(performance.now() - started);
    await journalApart(journal, principal.env, outcome.operatorId, 200, outcome.refusal);
  }
  return {
    status: 200,
    body: answerEnvelope({
      name: response.name,
      ns: response.ns,
      fields: [
        ["transactionId", response.transactionId],
        ["serviceSessionId", response.serviceSessionId],
        ["requestStatus", outcome.requestStatus],
      ],
    }),
  };
}

export async function serveGireve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const env = getEnv();
  let answer: Answer;
  if (req.method === "GET" && /[?&]wsdl\b/i.test(req.url ?? "")) answer = { status: 302, body: "", headers: { Location: GIREVE_WSDL_PATH } };
  else if (req.method !== "POST")
    answer = faultAnswer(
      new SoapFault("Sender", `méthode ${req.method} non acceptée : POST attendu (GET ?wsdl pour la description du service)`),
      { Allow: "POST" },
      405,
    );
  else {
    const started = performance.now();
    const guarded = guardBody(req, env.API_BODY_TIMEOUT_MS);
    try {
      answer = await answerCall(req, guarded.body, started, new Date());
    } catch (e) {
      if (env.LOG_ERRORS) console.error("[gireve] call failed", e);
      answer = faultAnswer(new SoapFault("Receiver", "erreur interne du portail : le message n'a pas été enregistré, renvoyez-le"));
    } finally {
      guarded.done();
    }
  }
  if (!req.complete && answer.status !== 200) {
    // A refusal given before the body was read (authentication): read the rest, bounded, so that a
    // sender still sending reads the answer and the connection carries its next call. A body left
    // unread part-way (too large) closes the connection after the answer instead.
    const unread = answer.status === 401 || answer.status === 429;
    const drained = unread && (await discardRest(req, { maxBytes: 4 * DEFAULT_XML_LIMITS.maxBytes, timeoutMs: 5_000 }));
    if (!drained) answer.headers = { ...answer.headers, Connection: "close" };
  }
  if (res.destroyed || !res.writable) return;
  const body = answer.body;
  res.writeHead(answer.status, {
    "Cache-Control": "no-store",
    ...(body ? { "Content-Type": SOAP_CONTENT_TYPE } : {}),
    "Content-Length": Buffer.byteLength(body),
    ...answer.headers,
  });
  res.end(body);
}
