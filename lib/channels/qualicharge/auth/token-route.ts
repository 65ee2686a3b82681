import { rawSql } from "@/lib/platform/db/database";
import { getEnv } from "@/lib/platform/env";
import { verifyApiLogin, type ApiLoginOutcome } from "@/lib/api-accounts/verify-api-login";
import { recordAuthFailure } from "@/lib/security/record-auth-failure";
import { isStorableText } from "@/lib/schemas/identifiers";
import { authenticationFailed, detailError, validationFailed, type QualichargeAnswer, type ValidationDetail } from "@/lib/channels/qualicharge/errors";
import { parseFormBody, UNSTORABLE_TEXT_MESSAGE, type RawBody } from "@/lib/channels/qualicharge/read-request-body";
import type { QualichargeContext, QualichargeRoute } from "@/lib/channels/qualicharge/router";
import { issueToken } from "@/lib/channels/qualicharge/auth/tokens";

// POST /auth/token: QualiCharge's OAuth2 password flow (FastAPI's OAuth2PasswordRequestForm).
// A form (urlencoded, or multipart) with `username` and `password`; `grant_type`, when sent, must
// be "password"; `scope` and the client fields are ignored. Answers a bearer JWT, or QualiCharge's
// 401 and 422; a throttled login or address gets 429 with Retry-After. Failures go to the
// security log (not the journal: no principal yet, and anyone may try any login).

export const TOKEN_PATH = "/auth/token";

/** The form's fields; FastAPI reads an empty field as a missing one. */
async function readForm(body: RawBody, contentType: string): Promise<Map<string, string>> {
  const fields = new Map<string, string>();
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (type === "multipart/form-data") {
    try {
      const form = await new Request("http://form.invalid/", {
        method: "POST",
        headers: { "Content-Type": contentType },
        body: new Uint8Array(body.bytes),
      }).formData();
      for (const [name, value] of form.entries()) if (typeof value === "string" && !fields.has(name)) fields.set(name, value);
    } catch {
      // an unreadable multipart body has no fields: the 422 below says which are missing
    }
  } else if (type === "" || type === "application/x-www-form-urlencoded") {
    for (const [name, value] of parseFormBody(body)) if (!fields.has(name)) fields.set(name, value);
  }
  for (const [name, value] of fields) if (value === "") fields.delete(name);
  return fields;
}

function formDetails(fields: Map<string, string>): ValidationDetail[] {
  const details: ValidationDetail[] = [];
  const grantType = fields.get("grant_type");
  if (grantType !== undefined && grantType !== "password")
    details.push({ type: "string_pattern_mismatch", loc: ["body", "grant_type"], msg: "String should match pattern '^password$'", input: grantType });
  for (const name of ["username", "password"])
    if (!fields.has(name)) details.push({ type: "missing", loc: ["body", name], msg: "Field required", input: null });
  // A login PostgreSQL cannot hold (U+0000, a lone surrogate) names no account: refused as the JSON bodies are.
  const username = fields.get("username");
  if (username !== undefined && !isStorableText(username))
    details.push({
      type: "string_unicode",
      loc: ["body", "username"],
      msg: UNSTORABLE_TEXT_MESSAGE,
    });
  return details;
}

async function logFailure(ctx: QualichargeContext, login: string, outcome: Exclude<ApiLoginOutcome, { kind: "ok" }>, httpStatus: number): Promise<void> {
  try {
    await recordAuthFailure(await rawSql(), {
      login,
      ipAddress: ctx.ip,
      operatorId: outcome.operatorId,
      blocked: outcome.kind === "blocked",
      at: new Date(),
      endpoint: `/api/v1${TOKEN_PATH}`,
      httpStatus,
    });
  } catch (e) {
    // The refusal stands; the log is best effort, as for the ADVENIR door.
    if (getEnv().LOG_ERRORS) console.error("[qualicharge] security log write failed", e);
  }
}

async function handleToken(ctx: QualichargeContext): Promise<QualichargeAnswer> {
  const fields = await readForm(await ctx.body(), ctx.header("content-type") ?? "");
  const details = formDetails(fields);
  if (details.length > 0) throw validationFailed(details);
  const username = fields.get("username")!;
  const outcome = await verifyApiLogin({ username: username.slice(0, 200), password: fields.get("password")!.slice(0, 1000), ip: ctx.ip.slice(0, 100) });
  if (outcome.kind === "ok") {
    const { token } = await issueToken(outcome.user);
    return { status: 200, body: { access_token: token, token_type: "bearer" } };
  }
  const error =
    outcome.kind === "blocked"
      ? detailError(429, `Too many failed authentication attempts: retry in ${outcome.retryAfterSeconds} seconds`, {
          "Retry-After": String(outcome.retryAfterSeconds),
        })
      : authenticationFailed(outcome.kind === "inactive" ? "User is not active" : "Wrong login or password");
  await logFailure(ctx, username, outcome, error.status);
  throw error;
}

export const tokenRoute: QualichargeRoute = { method: "POST", path: TOKEN_PATH, scope: null, gzip: false, handle: handleToken };
