import { z } from "zod";

// Environment, validated once with zod. A production server without its secret refuses to
// start (lib/platform/env is called from instrumentation.ts at start-up) instead of using a default.
const boolish = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** postgresql://… for PostgreSQL; pglite:<dir> or unset for the embedded database. */
    DATABASE_URL: z
      .string()
      .regex(/^(postgres(ql)?:\/\/|pglite:)/, "doit commencer par postgresql:// ou pglite:")
      .optional(),
    NEXTAUTH_SECRET: z.string().min(16, "au moins 16 caractères").optional(),
    NEXTAUTH_URL: z.url().optional(),
    /** Failed logins (per e-mail and per address) before the account or address is blocked. */
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
    LOGIN_BLOCK_SECONDS: z.coerce.number().int().min(1).default(900),
    /** Failed logins from one address (any e-mail) before that address is blocked: higher, since
     *  many people may share an address (an office behind NAT). */
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(50),
    /** Anonymity of committee indicators (docs/indicators.md): a cell built from fewer distinct
     *  stations or fewer distinct beneficiaries than these is withheld ("secret statistique"). */
    ANON_MIN_STATIONS: z.coerce.number().int().min(1).default(5),
    ANON_MIN_BENEFICIARIES: z.coerce.number().int().min(1).default(3),
    /** Quality of service (docs/indicators.md): hours a status stays in force without a newer one;
     *  beyond, the point is silent (neither available nor out of service). */
    QOS_STATUS_VALIDITY_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(168),
    /** Port and address the portal listens on (cli/http-server.ts). */
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    /** Reverse proxies (comma-separated IP addresses) whose X-Forwarded-For and client-certificate
     *  header are trusted. Empty: the TCP peer is the client and no certificate header is honoured. */
    TRUSTED_PROXIES: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    /** Header in which a trusted proxy passes the SHA-256 fingerprint of the client certificate. */
    CLIENT_CERT_HEADER: z
      .string()
      .default("x-client-cert-sha256")
      .transform((v) => v.toLowerCase()),
    /** ADVENIR data API (docs/api-advenir.md). Largest request body accepted, as sent (bytes);
     *  a larger one is answered 413 without reading the rest. */
    API_MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(50 * 1024 * 1024),
    /** Largest body once a `Content-Encoding: gzip` body is inflated (bytes): a zip bomb stops
     *  here, while it inflates. Just above API_MAX_BODY_BYTES: what may be sent plain may be sent
     *  gzipped, and no more (docs/decisions/0011-bounded-request-memory.md). */
    API_MAX_INFLATED_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(64 * 1024 * 1024),
    /** Process-wide budget of body bytes held by requests in progress (as received, plus inflated
     *  bytes of gzip bodies). A request that would go over it is answered 503 with Retry-After,
     *  unless it is the only one in progress (docs/decisions/0011-bounded-request-memory.md). */
    API_MAX_INFLIGHT_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(48 * 1024 * 1024),
    /** Time a client has to send its request headers (ms); then 408 in the protocol's JSON. */
    API_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1).default(30_000),
    /** Time a data-API client has to send its whole body once the headers are in (ms); then 408. */
    API_BODY_TIMEOUT_MS: z.coerce.number().int().min(1).default(30_000),
    /** Failed Basic authentications per username before it is blocked for API_BASIC_BLOCK_SECONDS
     *  (failures counted within that same window). */
    API_BASIC_MAX_FAILURES: z.coerce.number().int().min(1).default(10),
    /** Failed Basic authentications from one client address (any username) before it is blocked. */
    API_BASIC_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(50),
    API_BASIC_BLOCK_SECONDS: z.coerce.number().int().min(1).default(900),
    /** Days a production submission keeps its raw body (purgeRawBodies); sandbox bodies are kept
     *  until the operator wipes its sandbox. */
    RAW_BODY_RETENTION_DAYS: z.coerce.number().int().min(0).default(30),
    /** End of the ADVENIR programme (YYYY-MM-DD, Paris calendar): from that day on, an administrator
     *  may purge the individual data (lib/programme). Unset or empty, the purge is refused. */
    PROGRAMME_END_DATE: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "date attendue au format AAAA-MM-JJ" })
        .refine(
          (v) => {
            const t = Date.parse(`${v}T00:00:00Z`); // "2026-02-30" parses as 2 March: refused
            return !Number.isNaN(t) && new Date(t).toISOString().startsWith(v);
          },
          { error: "date invalide" },
        )
        .optional(),
    ),
    /** Address people write to about the portal (accessibility statement, /accessibilite). */
    CONTACT_EMAIL: z.preprocess((v) => (v === "" ? undefined : v), z.email({ error: "adresse e-mail attendue" }).optional()),
    /**
     * Key signing the QualiCharge API's access tokens (HS256, at least 32 characters); required in
     * production. Rotation: move the current key to QUALICHARGE_JWT_PREVIOUS_SECRETS (comma
     * separated, still accepted for verification) for the tokens' lifetime, then drop it.
     */
    QUALICHARGE_JWT_SECRET: z.string().min(32, "au moins 32 caractères").optional(),
    QUALICHARGE_JWT_PREVIOUS_SECRETS: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    /** Lifetime of a QualiCharge access token, in minutes (QualiCharge: 30). */
    QUALICHARGE_TOKEN_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    /** Most items in one QualiCharge bulk request (statique, statuses, sessions); beyond: 422. */
    QUALICHARGE_BULK_MAX: z.coerce.number().int().min(1).max(100_000).default(1000),
    /** Monthly-sending rule (protocol §3.1, lib/monthly-sending): a station whose last production data
     *  (or, never having sent, its start) is older than this many calendar months is late. */
    MONTHLY_SENDING_MAX_SILENCE_MONTHS: z.coerce.number().int().min(1).max(12).default(1),
    /** Outgoing mail (reminders of the monthly-sending rule). Either SMTP_URL (smtp:// or smtps://,
     *  credentials included), or SMTP_HOST with SMTP_PORT, SMTP_USER, SMTP_PASSWORD. Neither: no e-mail
     *  is sent (the admin's page says so). SMTP_FROM is the sender, required once SMTP is set. */
    SMTP_URL: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .regex(/^smtps?:\/\//, "doit commencer par smtp:// ou smtps://")
        .optional(),
    ),
    SMTP_HOST: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    SMTP_USER: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
    SMTP_PASSWORD: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
    SMTP_FROM: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
    /** Log SQL errors of unexpected failures (never sent to clients). */
    LOG_ERRORS: boolish.default(true),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.NEXTAUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["NEXTAUTH_SECRET"],
        message: "obligatoire en production (openssl rand -base64 32)",
      });
    }
    if ((env.SMTP_URL || env.SMTP_HOST) && !env.SMTP_FROM) {
      ctx.addIssue({ code: "custom", path: ["SMTP_FROM"], message: "obligatoire avec SMTP_URL ou SMTP_HOST (expéditeur des e-mails)" });
    }
    if (env.NODE_ENV === "production" && !env.QUALICHARGE_JWT_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["QUALICHARGE_JWT_SECRET"],
        message: "obligatoire en production (openssl rand -base64 48)",
      });
    }
  });

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Configuration invalide :\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** The embedded database directory used when DATABASE_URL is unset. */
export const DEFAULT_DATABASE_URL = "pglite:.data/pglite";

export function databaseUrl(): string {
  return getEnv().DATABASE_URL ?? DEFAULT_DATABASE_URL;
}
