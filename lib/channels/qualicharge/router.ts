import type { IncomingMessage } from "node:http";
import type { CallJournalRow } from "@/lib/statuses/call-journal-row";
import type { Scope } from "@/lib/channels/qualicharge/auth/scopes";
import type { QualichargePrincipal } from "@/lib/channels/qualicharge/auth/principal";
import type { QualichargeAnswer } from "@/lib/channels/qualicharge/errors";
import type { RawBody } from "@/lib/channels/qualicharge/read-request-body";

// The QualiCharge API's routes under /api/v1, as one table: method, path pattern (QualiCharge's,
// trailing slashes included), the scope it needs (checked before the handler, after the token),
// and the handler. Each family of endpoints declares its routes in its own folder.

export type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface QualichargeContext {
  req: IncomingMessage;
  method: Method;
  /** Path under /api/v1, e.g. "/statique/FRABCE123". */
  path: string;
  /** The request's absolute URL (for pagination links). */
  url: URL;
  query: URLSearchParams;
  /** Path parameters, decoded. */
  params: Record<string, string>;
  header(name: string): string | null;
  ip: string;
  /** Null only on routes without a scope (the token endpoint). */
  principal: QualichargePrincipal | null;
  /** The body as sent (gzip inflated where the route accepts it), read once. */
  body(): Promise<RawBody>;
  /** What the journal says of the call's items; handlers of writes fill it. */
  counts: { received: number; stored: number; unchanged: number };
  /**
   * The call's journal row as it stands now, answered `httpStatus`, for a hot-path handler that
   * writes it in its own statement (one round trip per call, ADR 0005); it then calls journaled().
   */
  journalRow(httpStatus: number): JournalRow;
  /** The handler wrote the call's journal row itself: the door writes none. */
  journaled(): void;
}

/** What the journal (journal.ts) records of a call, its counts and errors aside. */
export type JournalRow = CallJournalRow;

export interface QualichargeRoute {
  method: Method;
  /** QualiCharge's path under /api/v1 with {param} segments, e.g. "/statique/{id_pdc_itinerance}". */
  path: string;
  /** Needed scope; "authenticated": a valid token, no scope (whoami); null: no token (POST /auth/token). */
  scope: Scope | "authenticated" | null;
  /** Whether the body may be gzip-compressed (everywhere except /auth). Default true. */
  gzip?: boolean;
  handle(ctx: QualichargeContext & { principal: QualichargePrincipal | null }): Promise<QualichargeAnswer>;
}

/** What the scope check needs: routes with a scope get a principal. */
export type AuthedContext = QualichargeContext & { principal: QualichargePrincipal };

/** A route's handler, given a context whose principal is known (every route but the token's). */
export function authed(handle: (ctx: AuthedContext) => Promise<QualichargeAnswer>): QualichargeRoute["handle"] {
  return (ctx) => handle(ctx as AuthedContext);
}

interface CompiledRoute {
  route: QualichargeRoute;
  pattern: RegExp;
  names: string[];
  literal: boolean;
}

export interface RouteMatch {
  route: QualichargeRoute;
  params: Record<string, string>;
}

export type Resolution =
  { kind: "match"; match: RouteMatch } | { kind: "method-not-allowed"; allowed: Method[] } | { kind: "redirect"; path: string } | { kind: "not-found" };

function compile(route: QualichargeRoute): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split("/")
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(param[1]);
      return "([^/]+)";
    })
    .join("/");
  return { route, pattern: new RegExp(`^${source}$`), names, literal: names.length === 0 };
}

export class QualichargeRouter {
  private readonly compiled: CompiledRoute[];

  constructor(routes: QualichargeRoute[]) {
    // Literal paths win over patterns (POST /statique/bulk is not PUT /statique/{id}).
    this.compiled = routes.map(compile).sort((a, b) => Number(b.literal) - Number(a.literal));
  }

  get routes(): QualichargeRoute[] {
    return this.compiled.map((c) => c.route);
  }

  private matching(path: string): { compiled: CompiledRoute; params: Record<string, string> }[] {
    const found: { compiled: CompiledRoute; params: Record<string, string> }[] = [];
    for (const compiled of this.compiled) {
      const m = compiled.pattern.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      let decodable = true;
      compiled.names.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(m[i + 1]);
        } catch {
          decodable = false;
        }
      });
      if (decodable) found.push({ compiled, params });
    }
    return found;
  }

  /** The route of a method and path; FastAPI's answers otherwise (405, a 307 to the other slash form, 404). */
  resolve(method: string, path: string): Resolution {
    const candidates = this.matching(path);
    const same = candidates.find((c) => c.compiled.route.method === method);
    if (same) return { kind: "match", match: { route: same.compiled.route, params: same.params } };
    if (candidates.length > 0) return { kind: "method-not-allowed", allowed: [...new Set(candidates.map((c) => c.compiled.route.method))] };
    // FastAPI's redirect_slashes: the same path with or without its trailing slash.
    const other = path.endsWith("/") ? path.slice(0, -1) : `${path}/`;
    if (other !== "" && this.matching(other).some((c) => c.compiled.route.method === method)) return { kind: "redirect", path: other };
    return { kind: "not-found" };
  }
}
