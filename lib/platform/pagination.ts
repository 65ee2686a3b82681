// One page of a list already in memory, for tables too long to show at once.

/** The page asked for in a query string: a positive integer, 1 otherwise. */
export function pageParam(value: string | string[] | undefined): number {
  const v = Array.isArray(value) ? value[0] : value;
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

export function pageOf<T>(items: T[], requested: number, pageSize: number) {
  const total = items.length;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, requested), pageCount);
  return { items: items.slice((page - 1) * pageSize, page * pageSize), page, pageCount, total, pageSize };
}
