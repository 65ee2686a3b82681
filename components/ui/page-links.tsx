import Link from "next/link";

/** DSFR pagination as plain links: previous, numbered pages around the current one, next. */
export function PageLinks({ page, pageCount, hrefOf, label }: { page: number; pageCount: number; hrefOf: (page: number) => string; label: string }) {
  if (pageCount <= 1) return null;
  const pages = [...new Set([1, page - 1, page, page + 1, pageCount])].filter((p) => p >= 1 && p <= pageCount).sort((a, b) => a - b);
  return (
    <nav role="navigation" className="fr-pagination fr-mt-3w" aria-label={label}>
      <ul className="fr-pagination__list">
        <li>
          {page > 1 ? (
            <Link className="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label" href={hrefOf(page - 1)}>
              Page précédente
            </Link>
          ) : (
            <a className="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label" aria-disabled="true" role="link">
              Page précédente
            </a>
          )}
        </li>
        {pages.map((p) => (
          <li key={p}>
            <Link className="fr-pagination__link" href={hrefOf(p)} aria-current={p === page ? "page" : undefined} title={`Page ${p}`}>
              {p}
            </Link>
          </li>
        ))}
        <li>
          {page < pageCount ? (
            <Link className="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" href={hrefOf(page + 1)}>
              Page suivante
            </Link>
          ) : (
            <a className="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" aria-disabled="true" role="link">
              Page suivante
            </a>
          )}
        </li>
      </ul>
    </nav>
  );
}

/** The list's URL with its filters and another page number. */
export function withPage(base: string, filters: Record<string, string | number | undefined>, page: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== "" && k !== "page") params.set(k, String(v));
  if (page > 1) params.set("page", String(page));
  const qs = params.toString();
  return qs ? `${base}?${qs}` : base;
}
