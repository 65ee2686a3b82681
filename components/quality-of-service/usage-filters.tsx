import { USAGE_COMMITTEE_KINDS, USAGE_LEVELS, USAGE_LEVEL_LABELS, USAGE_PERIOD_LABELS, type UsageQuery } from "@/lib/schemas/usage-indicators";

// The usage page's filters: a plain GET form (every view is a link, no JavaScript needed). The
// area list is the level shown; another level's areas are listed once it is shown.
export function UsageFilters(props: { action: string; query: UsageQuery; zones: { code: string; label: string }[] }) {
  const q = props.query;
  return (
    <form method="get" action={props.action} className="fr-mb-4w" aria-label="Choix de la période et de la zone">
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-3 fr-select-group">
          <label className="fr-label" htmlFor="u-type">
            Type de période
          </label>
          <select className="fr-select" id="u-type" name="type" defaultValue={q.type}>
            {USAGE_COMMITTEE_KINDS.map((k) => (
              <option key={k} value={k}>
                {USAGE_PERIOD_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="fr-col-12 fr-col-md-3 fr-input-group">
          <label className="fr-label" htmlFor="u-periode">
            Un jour de la période
            <span className="fr-hint-text">La période est celle qui contient ce jour (calendrier de Paris).</span>
          </label>
          <input className="fr-input" type="date" id="u-periode" name="periode" defaultValue={q.periode} />
        </div>
        <div className="fr-col-12 fr-col-md-3 fr-select-group">
          <label className="fr-label" htmlFor="u-maille">
            Niveau
          </label>
          <select className="fr-select" id="u-maille" name="maille" defaultValue={q.maille}>
            {USAGE_LEVELS.map((l) => (
              <option key={l} value={l}>
                {USAGE_LEVEL_LABELS[l]}
              </option>
            ))}
          </select>
        </div>
        <div className="fr-col-12 fr-col-md-3 fr-select-group">
          <label className="fr-label" htmlFor="u-zone">
            Zone
          </label>
          <select className="fr-select" id="u-zone" name="zone" defaultValue={q.maille === "national" ? "" : (q.zone ?? "")}>
            <option value="">{q.maille === "national" ? "France entière" : "Toutes les zones du niveau"}</option>
            {props.zones.map((z) => (
              <option key={z.code} value={z.code}>
                {z.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button className="fr-btn fr-mt-2w" type="submit">
        Afficher
      </button>
    </form>
  );
}
