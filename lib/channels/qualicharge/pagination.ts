import { z } from "zod";
import { validationFailed } from "@/lib/channels/qualicharge/errors";
import { validationDetails } from "@/lib/channels/qualicharge/validation-details";

// QualiCharge's paginated lists: `offset` ≥ 0 (default 0), `limit` 0–100 (default 10); the answer
// {limit, offset, total, size, previous, next, items}, `next` and `previous` absolute URLs with
// the offset last, `next` only when more rows follow, `previous` only when offset > 0.

const pageQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(0).max(100).default(10),
});

export type PageRequest = z.infer<typeof pageQuery>;

export function readPage(query: URLSearchParams): PageRequest {
  const parsed = pageQuery.safeParse({ offset: query.get("offset") ?? undefined, limit: query.get("limit") ?? undefined });
  if (!parsed.success) throw validationFailed(validationDetails(parsed.error, "query"));
  return parsed.data;
}

export interface Page<T> {
  limit: number;
  offset: number;
  total: number;
  size: number;
  previous: string | null;
  next: string | null;
  items: T[];
}

/** `url`: the absolute URL of the request (its other query parameters are kept). */
export function pageOf<T>(items: T[], total: number, page: PageRequest, url: URL): Page<T> {
  const link = (offset: number) => {
    const u = new URL(url);
    u.searchParams.delete("offset");
    u.searchParams.delete("limit");
    u.searchParams.append("limit", String(page.limit));
    u.searchParams.append("offset", String(offset));
    return u.toString();
  };
  const hasNext = page.limit > 0 && page.offset + items.length < total;
  return {
    limit: page.limit,
    offset: page.offset,
    total,
    size: items.length,
    previous: page.offset > 0 ? link(Math.max(page.offset - page.limit, 0)) : null,
    next: hasNext ? link(page.offset + page.limit) : null,
    items,
  };
}
