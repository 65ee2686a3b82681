import { ref } from "@/lib/channels/qualicharge/openapi/schemas";

// The answers of the QualiCharge part of the OpenAPI document, errors in QualiCharge's shapes
// (lib/channels/qualicharge/errors.ts): 401 {detail} without a token, {message} with a bad one;
// 403 {message: "Unsufficient permissions: …"}; 422 {detail: [{type, loc, msg}]}; others {detail}.

type Response = Record<string, unknown>;
const json = (schema: unknown, example?: unknown, examples?: Record<string, { summary: string; value: unknown }>) => ({
  "application/json": { schema, ...(example !== undefined ? { example } : {}), ...(examples ? { examples } : {}) },
});

export function ok(description: string, schema: unknown, example: unknown): Response {
  return { description, content: json(schema, example) };
}

export const noContent: Response = { description: "Fait (pas de corps)" };

export const unauthorized: Response = {
  description: "Jeton absent, invalide, expiré, ou utilisateur inconnu ou désactivé",
  headers: { "WWW-Authenticate": { description: "Bearer", schema: { type: "string" } } },
  content: json({ oneOf: [ref("NotAuthenticated"), ref("AuthenticationFailed")] }, undefined, {
    sansJeton: { summary: "Pas d'en-tête Authorization", value: { detail: "Not authenticated" } },
    jetonExpire: { summary: "Jeton expiré", value: { message: "Authentication failed: Token has expired" } },
  }),
};

export function forbidden(reason: string): Response {
  return {
    description: "Portée manquante, ou point hors des unités opérationnelles de l'utilisateur",
    content: json(ref("InsufficientPermissions"), { message: `Unsufficient permissions: ${reason}` }),
  };
}

export function detail(status: number, description: string, text: string): [string, Response] {
  return [String(status), { description, content: json(ref("DetailError"), { detail: text }) }];
}

export function invalid(loc: (string | number)[], msg: string, type = "value_error"): Response {
  return {
    description: "Requête invalide : chaque erreur avec son emplacement",
    content: json(ref("ValidationError"), { detail: [{ type, loc, msg }] }),
  };
}

export const unavailable: Response = {
  description: "Base de données injoignable : rien n'est enregistré, réessayer après Retry-After",
  headers: { "Retry-After": { description: "Secondes avant de réessayer", schema: { type: "integer" } } },
  content: json(ref("DetailError"), { detail: "Service temporarily unavailable: the database cannot be reached, please retry" }),
};
