"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { Upload } from "@codegouvfr/react-dsfr/Upload";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useFocusOn } from "@/components/forms/use-focus-on";

interface Imported {
  name: string;
  version: number;
  rowCount: number;
  hourCount: number;
  gapHours: number;
}

// Uploads an RTE eCO2mix or Electricity Maps CSV to /api/indicateurs/series-carbone; a refused
// file lists every error with its line and column, nothing is stored.
export function CarbonImportForm() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<Imported | null>(null);
  const [error, setError] = useState<{ message: string; details: { champ: string; message: string }[] } | null>(null);
  const errorRef = useFocusOn<HTMLDivElement>(error);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setResult(null);
    setError(null);
    try {
      const response = await fetch("/api/indicateurs/series-carbone", { method: "POST", body: new FormData(event.currentTarget) });
      const body = await response.json().catch(() => ({ erreur: "Réponse illisible du serveur." }));
      if (!response.ok) setError({ message: body.erreur ?? "Import impossible.", details: body.erreurs ?? [] });
      else {
        setResult(body);
        router.refresh();
      }
    } catch {
      setError({ message: "Le serveur est injoignable.", details: [] });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="fr-mb-4w" aria-label="Importer une série carbone">
      <Upload
        label="Fichier de la série"
        hint="CSV RTE eCO2mix (séparateur « ; », pas de 15 minutes) ou Electricity Maps (horaire), éventuellement compressé en .gz"
        nativeInputProps={{ name: "fichier", accept: ".csv,.gz,.txt", required: true }}
      />
      <Select label="Format" nativeSelectProps={{ name: "format", defaultValue: "" }}>
        <option value="">Détecter d&apos;après l&apos;en-tête</option>
        <option value="rte_eco2mix">RTE eCO2mix</option>
        <option value="electricitymaps">Electricity Maps</option>
      </Select>
      <Button type="submit" disabled={pending} iconId="fr-icon-upload-line">
        {pending ? "Import en cours…" : "Importer la série"}
      </Button>
      <div aria-live="polite" className="fr-mt-2w">
        {result && (
          <Alert
            small
            severity="success"
            description={`Série ${result.name}, version ${result.version} importée : ${result.rowCount} lignes, ${result.hourCount} heures, ${result.gapHours} heure(s) sans intensité (jamais comblées).`}
          />
        )}
      </div>
      {error && (
        <div role="alert" className="fr-mt-2w" ref={errorRef} tabIndex={-1}>
          <Alert small severity="error" description={error.message} />
          {error.details.length > 0 && (
            <ul className="fr-text--sm" data-testid="carbon-import-errors">
              {error.details.slice(0, 200).map((d, i) => (
                <li key={i}>
                  {d.champ} : {d.message}
                </li>
              ))}
              {error.details.length > 200 && <li>… et {error.details.length - 200} autre(s) erreur(s).</li>}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
