// Which sessions of a registered point count in a statement, and why the others do not
// (docs/tiruert.md). A session is excluded, with every reason that applies:
//   doublon          it repeats an earlier-received session of the same point (same start, end
//                    and energy, whatever the door it came through): counted once;
//   qualite:<flag>   it carries a quality flag of the core (lib/charges/quality.ts: implausible
//                    energy, duration, decreasing index…), the data the indicators leave out too;
//   transmise_en_retard  it was received more than 15 days (15 × 24 h) after its end: the arrêté
//                    asks aménageurs to transmit their sessions within 15 days.

export const LATE_AFTER_MS = 15 * 86_400_000;

export type ExclusionReason = "doublon" | "transmise_en_retard" | `qualite:${string}`;

export interface SessionFacts {
  stopAt: Date;
  receivedAt: Date;
  qualityFlags: readonly string[];
  /** An earlier-received session of the same point has the same start, end and energy. */
  duplicate: boolean;
}

export function isLate(s: Pick<SessionFacts, "stopAt" | "receivedAt">): boolean {
  return s.receivedAt.getTime() - s.stopAt.getTime() > LATE_AFTER_MS;
}

/** The reasons to leave the session out, in a fixed order; empty when it counts. */
export function exclusionReasons(s: SessionFacts): ExclusionReason[] {
  const reasons: ExclusionReason[] = [];
  if (s.duplicate) reasons.push("doublon");
  for (const flag of [...s.qualityFlags].sort()) reasons.push(`qualite:${flag}`);
  if (isLate(s)) reasons.push("transmise_en_retard");
  return reasons;
}

export const EXCLUSION_LABELS: Record<string, string> = {
  doublon: "doublon d'une session reçue avant",
  transmise_en_retard: "reçue plus de 15 jours après sa fin",
};

/** A French label for a reason ("qualite:energie_excessive" → "signalement qualité : energie_excessive"). */
export function exclusionLabel(reason: string): string {
  return EXCLUSION_LABELS[reason] ?? (reason.startsWith("qualite:") ? `signalement qualité : ${reason.slice(8)}` : reason);
}
