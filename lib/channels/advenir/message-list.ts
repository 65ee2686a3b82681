import type { AdvenirMessage } from "@/lib/schemas/advenir";
import { BODY_PATH, MAX_LISTED_MESSAGES } from "@/lib/channels/advenir/errors";

// Lists of errors and warnings that keep only what can be listed: a hostile body can carry a
// million bad points, and a million messages quoting their paths would cost far more memory
// than the body itself. The first messages are kept, the others only counted.

export type IssueKind = "structure" | "forbidden" | "data";
export interface Issue extends AdvenirMessage {
  kind: IssueKind;
}

/** The first `kept` of `total` messages as listed: the last line says how many were left out. */
export function listOf(kept: AdvenirMessage[], total: number, max = MAX_LISTED_MESSAGES): AdvenirMessage[] {
  if (total <= max && kept.length === total) return kept.map(({ chemin, message }) => ({ chemin, message }));
  const shown = kept.slice(0, max - 1).map(({ chemin, message }) => ({ chemin, message }));
  shown.push({ chemin: BODY_PATH, message: `… et ${total - shown.length} autres messages non listés` });
  return shown;
}

export class MessageList {
  readonly items: AdvenirMessage[] = [];
  total = 0;

  push(message: AdvenirMessage): void {
    this.total++;
    if (this.items.length < MAX_LISTED_MESSAGES) this.items.push(message);
  }

  list(): AdvenirMessage[] {
    return listOf(this.items, this.total);
  }

  /** A list holding the same messages, to push more to without changing this one. */
  copy(): MessageList {
    const other = new MessageList();
    other.items.push(...this.items);
    other.total = this.total;
    return other;
  }
}

/** Issues of a body by kind, each kind capped, in the order they were found. */
export class IssueList {
  private readonly kept: (Issue & { seq: number })[] = [];
  private readonly counts: Record<IssueKind, number> = { structure: 0, forbidden: 0, data: 0 };
  private readonly keptCounts: Record<IssueKind, number> = { structure: 0, forbidden: 0, data: 0 };

  push(issue: Issue): void {
    this.counts[issue.kind]++;
    if (this.keptCounts[issue.kind] >= MAX_LISTED_MESSAGES) return;
    this.keptCounts[issue.kind]++;
    this.kept.push({ ...issue, seq: this.kept.length });
  }

  /**
   * Whether no more issues of this kind will be listed: a caller may then count a problem
   * (`countOnly`) instead of wording its messages, which for a million bad points costs seconds.
   */
  full(kind: IssueKind): boolean {
    return this.keptCounts[kind] >= MAX_LISTED_MESSAGES;
  }

  /** Counts a problem that is not listed (see full()). */
  countOnly(kind: IssueKind): void {
    this.counts[kind]++;
  }

  has(kind: IssueKind): boolean {
    return this.counts[kind] > 0;
  }

  get size(): number {
    return this.counts.structure + this.counts.forbidden + this.counts.data;
  }

  /** The issues of these kinds, with how many there were in all. */
  of(kinds: IssueKind[]): { kept: Issue[]; total: number } {
    return { kept: this.kept.filter((i) => kinds.includes(i.kind)), total: kinds.reduce((n, k) => n + this.counts[k], 0) };
  }
}
