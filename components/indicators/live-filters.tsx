"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";

export interface FilterField {
  id: string;
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
}

type Options = FilterField["options"];

/** The areas of a mesh level, from /api/indicateurs/zones (cached per level and period by react-query). */
async function fetchZones(level: string, type: string, periode: string): Promise<Options> {
  const q = new URLSearchParams({ maille: level, type, ...(periode ? { periode } : {}) });
  const response = await fetch(`/api/indicateurs/zones?${q}`, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`zones ${response.status}`);
  const body = (await response.json()) as { zones: { code: string; name: string }[] };
  return body.zones.map((z) => (level === "national" ? { value: z.code, label: z.name } : { value: z.code, label: `${z.name} (${z.code})` }));
}

// Debounce so that stepping through a closed select with the arrow keys does not reload the
// view at every option: the view follows once the choice rests.
const SETTLE_MS = 400;

/**
 * The committee filters with JavaScript: every select changes the view at once (no "Afficher"
 * click), the area selector is always there and its list follows the mesh level chosen, fetched
 * and cached with react-query. Without JavaScript the same markup is a GET form with its button.
 */
export function LiveFilters(props: {
  action: string;
  fields: FilterField[];
  zone: { value: string; options: Options } | null;
  meshLabels: Record<string, string>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const server = Object.fromEntries([...props.fields.map((f) => [f.name, f.value]), ["zone", props.zone?.value ?? ""]]);
  const serverKey = JSON.stringify(server);
  const [values, setValues] = useState<Record<string, string>>(server);
  const [shownKey, setShownKey] = useState(serverKey);
  if (shownKey !== serverKey) {
    // The server answered a navigation: its values are the ones shown now.
    setShownKey(serverKey);
    setValues(server);
  }
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const level = values.maille;
  const serverLevel = server.maille;
  const zones = useQuery({
    queryKey: ["indicator-zones", level, values.type, values.periode],
    queryFn: () => fetchZones(level, values.type, values.periode),
    enabled: props.zone !== null && level !== serverLevel,
    initialData: props.zone && level === serverLevel ? props.zone.options : undefined,
  });
  const zoneOptions: Options = props.zone ? (level === serverLevel ? props.zone.options : (zones.data ?? [])) : [];

  function go(next: Record<string, string>) {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const q = new URLSearchParams(Object.entries(next).filter(([k, v]) => v !== "" && !(k === "zone" && next.maille === "national")));
      startTransition(() => router.push(`${props.action}?${q}`, { scroll: false }));
    }, SETTLE_MS);
  }

  function change(name: string, value: string) {
    const next = { ...values, [name]: value };
    // Another kind of period: the server picks its latest period.
    if (name === "type") next.periode = "";
    if (name === "maille") {
      next.zone = value === "national" ? "FR" : "";
      setValues(next);
      // A level with areas waits for the area to be chosen (its list loads meanwhile).
      if (value === "national" || props.zone === null) go(next);
      return;
    }
    setValues(next);
    go(next);
  }

  const zoneLabel = level === "national" ? "Zone" : `Zone (${(props.meshLabels[level] ?? level).toLowerCase()})`;
  return (
    <form method="get" action={props.action} className="fr-mb-4w" aria-label="Filtres des indicateurs" aria-busy={pending}>
      <p className="fr-text--sm fr-mb-1w">La vue se met à jour dès qu&apos;un filtre change (sans JavaScript : bouton « Afficher »).</p>
      <div className="fr-grid-row fr-grid-row--gutters">
        {props.fields.map((f) => (
          <div key={f.name} className="fr-select-group fr-col-12 fr-col-md-4">
            <label className="fr-label" htmlFor={f.id}>
              {f.label}
            </label>
            <select
              className="fr-select"
              id={f.id}
              name={f.name}
              value={values[f.name] || (f.name === "periode" ? "" : f.value)}
              onChange={(e) => change(f.name, e.target.value)}
            >
              {f.name === "periode" && values.periode === "" && <option value="">Dernière période publiée</option>}
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        ))}
        {props.zone && (
          <div className="fr-select-group fr-col-12 fr-col-md-4">
            <label className="fr-label" htmlFor="f-zone">
              {zoneLabel}
            </label>
            <select
              className="fr-select"
              id="f-zone"
              name="zone"
              value={values.zone}
              onChange={(e) => change("zone", e.target.value)}
              aria-describedby="f-zone-state"
            >
              {values.zone === "" && <option value="">{zones.isFetching ? "Chargement des zones…" : "Choisir une zone"}</option>}
              {zoneOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            <p id="f-zone-state" className="fr-text--xs fr-mb-0" aria-live="polite">
              {zones.isError
                ? "La liste des zones n'a pas pu être chargée : choisissez la maille puis « Afficher »."
                : level !== serverLevel && values.zone === ""
                  ? "Choisissez une zone pour afficher ses chiffres."
                  : ""}
            </p>
          </div>
        )}
      </div>
      <button type="submit" className="fr-btn fr-btn--secondary">
        Afficher
      </button>
      <span className="fr-ml-2w fr-text--sm" aria-live="polite">
        {pending ? "Mise à jour de la vue…" : ""}
      </span>
    </form>
  );
}
