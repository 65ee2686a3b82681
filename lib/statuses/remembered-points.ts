// What this process resolved of the charge points (id_pdc_itinerance → point and station), for
// the status bulks on PostgreSQL (write-statuses.ts): resolving 1,000 points is a seventh of a
// bulk's statement. Valid for one generation of the points' identities
// (charge_point_generation, bumped in the transaction of any change to what a point resolves
// to: prisma/migrations/20261210100000_charge_point_generation). The write sends what it
// remembers with the generation it was read under; the statement uses it only when its own
// snapshot holds the same generation, and resolves the others (and all of them otherwise),
// returning what it resolved and the generation it read, learnt here.

/** About 150,000 public points in France: room for all of them (≈ 60 MB at most), not for an unbounded map. */
const MAX_POINTS = 250_000;

export interface ResolvedPoint {
  chargePointId: string;
  stationId: string;
}

export class RememberedPoints {
  private generation: bigint | null = null;
  private readonly points = new Map<string, ResolvedPoint>();

  /** The generation the points were resolved under (null: nothing remembered yet). */
  get current(): string | null {
    return this.generation === null ? null : String(this.generation);
  }

  get(idPdcItinerance: string): ResolvedPoint | undefined {
    return this.points.get(idPdcItinerance);
  }

  get size(): number {
    return this.points.size;
  }

  /**
   * Learns points resolved in a snapshot holding `generation`. A newer generation forgets
   * everything else; an older one (a write that started before another learnt a newer) teaches
   * nothing.
   */
  learn(generation: string, resolved: Iterable<[string, ResolvedPoint]>): void {
    const g = BigInt(generation);
    if (this.generation !== null && g < this.generation) return;
    if (this.generation === null || g > this.generation) {
      this.points.clear();
      this.generation = g;
    }
    for (const [id, point] of resolved) {
      if (this.points.size >= MAX_POINTS) this.points.clear();
      this.points.set(id, point);
    }
  }
}

// One per process (kept on globalThis: a module loaded twice must not hold two views).
const g = globalThis as unknown as { __rememberedPoints?: RememberedPoints };
export function rememberedPoints(): RememberedPoints {
  g.__rememberedPoints ??= new RememberedPoints();
  return g.__rememberedPoints;
}
