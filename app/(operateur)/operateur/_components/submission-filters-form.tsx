import Link from "next/link";
import type { SubmissionFilters } from "@/lib/schemas/operator-console";
import { DOOR_LABELS, ENDPOINT_CHOICES, endpointLabel } from "@/components/operator/labels";

/** The submissions' filters: a GET form, so that a filtered list has its own address. */
export function SubmissionFiltersForm({ filters }: { filters: SubmissionFilters }) {
  return (
    <form method="get" action="/operateur/envois" className="fr-mb-3w" aria-label="Filtrer les envois">
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4 fr-select-group">
          <label className="fr-label" htmlFor="filtre-env">
            Environnement
          </label>
          <select className="fr-select" id="filtre-env" name="env" defaultValue={filters.env ?? ""}>
            <option value="">Tous</option>
            <option value="production">Production</option>
            <option value="sandbox">Bac à sable</option>
          </select>
        </div>
        <div className="fr-col-12 fr-col-md-4 fr-select-group">
          <label className="fr-label" htmlFor="filtre-outcome">
            Résultat
          </label>
          <select className="fr-select" id="filtre-outcome" name="outcome" defaultValue={filters.outcome ?? ""}>
            <option value="">Tous</option>
            <option value="OK">OK</option>
            <option value="ECHEC">ECHEC</option>
          </select>
        </div>
        <div className="fr-col-12 fr-col-md-4 fr-select-group">
          <label className="fr-label" htmlFor="filtre-door">
            API
          </label>
          <select className="fr-select" id="filtre-door" name="door" defaultValue={filters.door ?? ""}>
            <option value="">Toutes</option>
            <option value="ADVENIR">{DOOR_LABELS.ADVENIR} (/api/operation/put, /api/courbe/put)</option>
            <option value="QUALICHARGE">{DOOR_LABELS.QUALICHARGE} (/api/v1/…)</option>
            <option value="GIREVE">{DOOR_LABELS.GIREVE} (relais eMIP, /api/gireve/emip)</option>
          </select>
        </div>
        <div className="fr-col-12 fr-col-md-4 fr-select-group">
          <label className="fr-label" htmlFor="filtre-endpoint">
            Adresse
          </label>
          <select className="fr-select" id="filtre-endpoint" name="endpoint" defaultValue={filters.endpoint ?? ""}>
            <option value="">Toutes</option>
            {ENDPOINT_CHOICES.map((group) => (
              <optgroup key={group.door} label={DOOR_LABELS[group.door]}>
                {group.endpoints.map((e) => (
                  <option key={e} value={e}>
                    {endpointLabel(e)} ({e})
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="fr-col-12 fr-col-md-4 fr-input-group">
          <label className="fr-label" htmlFor="filtre-du">
            Du (inclus)
          </label>
          <input className="fr-input" type="date" id="filtre-du" name="du" defaultValue={filters.du ?? ""} />
        </div>
        <div className="fr-col-12 fr-col-md-4 fr-input-group">
          <label className="fr-label" htmlFor="filtre-au">
            Au (inclus)
          </label>
          <input className="fr-input" type="date" id="filtre-au" name="au" defaultValue={filters.au ?? ""} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <ul className="fr-btns-group fr-btns-group--inline fr-mt-4w">
            <li>
              <button type="submit" className="fr-btn">
                Filtrer
              </button>
            </li>
            <li>
              <Link className="fr-btn fr-btn--secondary" href="/operateur/envois">
                Tout afficher
              </Link>
            </li>
          </ul>
        </div>
      </div>
    </form>
  );
}
