// A unique constraint refused a write, as Prisma reports it through both driver adapters.

/** Prisma's unique-constraint error (P2002), raised by both driver adapters. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}

/** Columns of the violated unique constraint, as reported by Prisma or by the driver adapter. */
export function uniqueViolationFields(e: unknown): string[] {
  if (!isUniqueViolation(e)) return [];
  const meta = (e as { meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: unknown; index?: unknown } } } } }).meta;
  if (Array.isArray(meta?.target)) return meta.target.map(String);
  if (typeof meta?.target === "string") return [meta.target];
  const constraint = meta?.driverAdapterError?.cause?.constraint;
  if (Array.isArray(constraint?.fields)) return constraint.fields.map(String);
  if (typeof constraint?.index === "string") return [constraint.index];
  return [];
}
