// What every section of `npm run bench:qualicharge` receives, and what it gives back: the sections
// are a list (bench/qualicharge.ts), so that one more (say, session bulks) is one more entry.

export interface BenchPoint {
  idPdcItinerance: string;
  chargePointId: string;
  stationId: string;
  unit: string;
}

export interface BenchContext {
  /** The portal's server, e.g. http://127.0.0.1:41234 (QualiCharge's API under /api/v1). */
  baseUrl: string;
  databaseUrl: string;
  /** "Bearer …" of an API user holding every unit (all scopes). */
  auth: string;
  /** "Bearer …" of an API user holding the first unit only. */
  oneUnitAuth: string;
  units: string[];
  points: BenchPoint[];
  /** Rows of status_event for the large-table section (--rows). */
  rows: number;
  /** How the server was started (the real start-up, or its doors alone when no build exists). */
  serverKind: string;
}

export interface SectionResult {
  /** Markdown of the section's figures (a heading of level 3 first). */
  markdown: string;
  /** Targets and whether each is met, for the closing summary. */
  targets: { label: string; ok: boolean }[];
}

export interface BenchSection {
  name: string;
  run(ctx: BenchContext): Promise<SectionResult>;
}
