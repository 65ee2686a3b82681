import http from "node:http";
import type { Socket } from "node:net";
import type { Env } from "@/lib/platform/env";
import { healthAnswer } from "@/lib/platform/health/health-answer";
import { sanitizeRequestHeaders } from "@/lib/platform/server/sanitize-headers";
import { applySecurityHeaders } from "@/lib/platform/server/security-headers";
import { formatSeconds, guardedBodyOn } from "@/lib/platform/server/guarded-body";
import { ProtocolFailure } from "@/lib/platform/server/protocol-failure";

// The portal's Node HTTP server, without Next.js: what happens on the socket (client address,
// security headers, header and body timeouts, broken framing), the health probe, and the doors
// that answer their own paths (the machine protocols: the ADVENIR data endpoints today) answered
// directly, everything else handed to `handleOther` (Next.js in production, cli/http-server.ts,
// which composes the doors). Tests run this very server with a stand-in for Next.

export type HandleOther = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A door that answers some requests itself, before Next.js (lib/channels/<door>/). */
export interface PortalDoor {
  /** Whether this request is the door's (method and path). */
  claims(req: http.IncomingMessage): boolean;
  serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;
}

export interface PortalRouting {
  doors: PortalDoor[];
  handleOther: HandleOther;
  /**
   * The JSON body answering a failure on a socket whose request was never read (header timeout,
   * headers too large, garbage): machine clients are the ones who meet these, so the composition
   * picks the protocol they most likely speak.
   */
  socketFailureBody(failure: ProtocolFailure): string;
}

type ServerEnv = Pick<Env, "TRUSTED_PROXIES" | "CLIENT_CERT_HEADER" | "API_HEADERS_TIMEOUT_MS" | "API_BODY_TIMEOUT_MS"> &
  Parameters<typeof applySecurityHeaders>[2];

/** What a socket error becomes, when the client can still be answered. */
function socketFailure(error: NodeJS.ErrnoException, env: ServerEnv): ProtocolFailure | null {
  switch (error.code) {
    case "ECONNRESET":
    case "EPIPE":
      return null; // the client is gone
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return new ProtocolFailure(
        408,
        `délai dépassé : la requête n'a pas été reçue à temps (en-têtes attendus en ${formatSeconds(env.API_HEADERS_TIMEOUT_MS)}) ; rien n'a été enregistré`,
      );
    case "HPE_HEADER_OVERFLOW":
      return new ProtocolFailure(431, "en-têtes de la requête trop volumineux");
    case "HPE_INVALID_EOF_STATE":
      return new ProtocolFailure(400, "corps incomplet : la connexion a été fermée avant la fin du corps annoncé (Content-Length)");
    case "HPE_INVALID_CHUNK_SIZE":
    case "HPE_CHUNK_EXTENSIONS_OVERFLOW":
    case "HPE_STRICT":
      return new ProtocolFailure(400, "requête HTTP mal formée : découpage « Transfer-Encoding: chunked » invalide");
    default:
      return new ProtocolFailure(400, `requête HTTP mal formée (${error.code ?? "erreur de protocole"})`);
  }
}

/** A whole HTTP answer written on the socket itself, when no request object can carry it. */
function rawAnswer(error: ProtocolFailure, routing: PortalRouting): string {
  const text = routing.socketFailureBody(error);
  const reason = http.STATUS_CODES[error.status] ?? "Error";
  return (
    `HTTP/1.1 ${error.status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\n` +
    `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`
  );
}

function onClientError(error: NodeJS.ErrnoException, socket: Socket, env: ServerEnv, routing: PortalRouting): void {
  const failure = socketFailure(error, env);
  const guarded = guardedBodyOn(socket);
  if (guarded) {
    // A data-API request is being read on this socket: its handler answers (in protocol JSON,
    // with Connection: close) and journals the call; the socket is closed after that answer, or
    // here after a grace period if the answer never comes.
    guarded.fail(failure ?? new ProtocolFailure(400, "corps incomplet : la connexion a été interrompue pendant l'envoi"));
    setTimeout(() => socket.destroy(), 10_000).unref();
    return;
  }
  const inFlight = (socket as Socket & { _httpMessage?: http.ServerResponse })._httpMessage;
  if (failure && socket.writable && !inFlight?.headersSent) {
    socket.end(rawAnswer(failure, routing));
    setTimeout(() => socket.destroy(), 1_000).unref();
  } else socket.destroy();
}

export function createPortalServer(env: ServerEnv, routing: PortalRouting): http.Server {
  const policy = { trustedProxies: env.TRUSTED_PROXIES, clientCertHeader: env.CLIENT_CERT_HEADER };
  const server = http.createServer(
    {
      headersTimeout: env.API_HEADERS_TIMEOUT_MS,
      // Node's own bound on a whole request, any path: the data API's body timeout
      // (lib/platform/server/guarded-body.ts) answers first; the portal's pages keep Node's default
      // 300 s, so that a form's file upload (IRVE import) over a slow link still gets through.
      requestTimeout: Math.max(300_000, env.API_HEADERS_TIMEOUT_MS + env.API_BODY_TIMEOUT_MS + 1_000),
      // How often Node checks those two: fine enough for short timeouts (tests), never busier than 4/s.
      connectionsCheckingInterval: Math.max(250, Math.min(30_000, Math.floor(env.API_HEADERS_TIMEOUT_MS / 4))),
    },
    (req, res) => {
      sanitizeRequestHeaders(req, policy);
      applySecurityHeaders(req, res, env);
      const door = routing.doors.find((d) => d.claims(req));
      if (door) void door.serve(req, res);
      else if (req.method === "GET" && (req.url === "/api/health" || req.url?.startsWith("/api/health?"))) void serveHealth(res);
      else routing.handleOther(req, res);
    },
  );
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => onClientError(error, socket, env, routing));
  return server;
}

async function serveHealth(res: http.ServerResponse): Promise<void> {
  const answer = await healthAnswer();
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, { ...answer.headers, "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
