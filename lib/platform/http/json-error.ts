/** The JSON error body of the portal's own (non-ADVENIR) route handlers. */
export function jsonError(status: number, message: string, field?: string): Response {
  return Response.json({ erreur: message, ...(field ? { champ: field } : {}) }, { status });
}
