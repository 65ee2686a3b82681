// A failure of the HTTP exchange itself, before any door's rules apply: a body or headers that
// take too long, broken framing, headers too large. The platform names it (status and French
// message); each door says it in its own protocol (the ADVENIR door: {statut, erreurs}).
export class ProtocolFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ProtocolFailure";
  }
}

export function isProtocolFailure(e: unknown): e is ProtocolFailure {
  return e instanceof ProtocolFailure;
}
