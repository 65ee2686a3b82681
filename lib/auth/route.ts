import "server-only";
import { unstable_rethrow } from "next/navigation";
import { authorizeRequest, type CurrentUser } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/platform/errors";
import { appErrorResponse, jsonError } from "@/lib/platform/http/json-error";
import { reportUnexpected, unexpectedMessage } from "@/lib/platform/http/unexpected";

// The one skeleton of the portal's route handlers (not the ADVENIR data API, which has its own
// translator): authorize with the permission table, run the handler, answer an AppError in the
// portal's JSON error shape (json-error.ts), and an unexpected error with a 500 carrying the id
// under which it was logged. Handlers have no try/catch of their own.

export interface RouteInput<P> {
  request: Request;
  user: CurrentUser;
  params: P;
}

type RouteHandler<P> = (input: RouteInput<P>) => Promise<Response> | Response;

export function route<P extends Record<string, string> = Record<string, never>>(
  permission: Permission,
  handler: RouteHandler<P>,
): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (request, context) => {
    try {
      const user = await authorizeRequest(permission);
      const params = ((await context?.params) ?? {}) as P;
      return await handler({ request, user, params });
    } catch (e) {
      unstable_rethrow(e); // Next's own control flow (dynamic rendering bail-outs) is not an error
      if (isAppError(e)) return appErrorResponse(e);
      const id = reportUnexpected(`route ${new URL(request.url).pathname}`, e);
      return jsonError(500, unexpectedMessage(id));
    }
  };
}
