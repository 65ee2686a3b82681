"use client";

import { useState, type FormEvent } from "react";
import { Upload } from "@codegouvfr/react-dsfr/Upload";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useFocusOn } from "@/components/forms/use-focus-on";
import { Table } from "@codegouvfr/react-dsfr/Table";

interface Progress {
  phase: "validation" | "enregistrement";
  done: number;
  total: number;
}

interface Result {
  rowCount: number;
  validCount: number;
  errorCount: number;
  errors: { line: number; column: string; message: string }[];
  duplicates: { idPdcItinerance: string; lines: number[] }[];
  stored: { stations: number; inserted: number; updated: number; unchanged: number } | null;
}

const PHASES = { validation: "Vérification des lignes", enregistrement: "Enregistrement" };

// Uploads the CSV and reads the server's JSON-lines stream to show progress, then the report.
export function IrveImport({ dossierId }: { dossierId: string }) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // A refusal (no file, nothing stored) takes the focus, as a form's error summary does.
  const errorRef = useFocusOn<HTMLDivElement>(error);
  const reportRef = useFocusOn<HTMLDivElement>(result && !result.stored ? result : null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setResult(null);
    setError(null);
    setProgress(null);
    try {
      const response = await fetch(`/api/dossiers/${dossierId}/irve`, { method: "POST", body: new FormData(event.currentTarget) });
      if (!response.ok || !response.body) {
        const body = await response.json().catch(() => ({ erreur: "Import impossible." }));
        setError(body.erreur ?? "Import impossible.");
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines.filter(Boolean)) {
          const event = JSON.parse(line);
          if (event.type === "progress") setProgress(event);
          else if (event.type === "result") setResult(event);
          else if (event.type === "error") setError(event.erreur);
        }
      }
    } catch {
      setError("La connexion a été interrompue pendant l'import.");
    } finally {
      setPending(false);
    }
  }

  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <>
      <form onSubmit={onSubmit}>
        <Upload
          label="Fichier CSV au schéma IRVE statique"
          hint="Schéma national (40 colonnes) ou fichier consolidé (59 colonnes), séparateur virgule ou point-virgule, UTF-8."
          nativeInputProps={{ name: "fichier", accept: ".csv,text/csv", required: true }}
        />
        <RadioButtons
          legend="Si des lignes sont invalides"
          options={[
            { label: "Tout ou rien : ne rien enregistrer", nativeInputProps: { name: "mode", value: "tout-ou-rien", defaultChecked: true } },
            { label: "Enregistrer les lignes valides seulement", nativeInputProps: { name: "mode", value: "lignes-valides" } },
          ]}
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Import en cours…" : "Importer"}
        </Button>
      </form>
      {progress && (
        <div className="fr-mt-3w" aria-live="polite">
          <label htmlFor="irve-progress">{`${PHASES[progress.phase]} : ${progress.done} / ${progress.total} (${percent} %)`}</label>
          <progress id="irve-progress" max={100} value={percent} style={{ width: "100%" }} />
        </div>
      )}
      {error && (
        <div ref={errorRef} tabIndex={-1} role="alert" className="fr-mt-3w">
          <Alert severity="error" title="Import refusé" description={error} />
        </div>
      )}
      {result && (
        <div className="fr-mt-3w" data-testid="irve-report" ref={reportRef} tabIndex={-1}>
          {result.stored ? (
            <Alert
              severity={result.errorCount > 0 ? "warning" : "success"}
              title="Import terminé"
              description={`${result.rowCount} ligne(s) lue(s), ${result.validCount} valide(s) : ${result.stored.inserted} point(s) créé(s), ${result.stored.updated} mis à jour, ${result.stored.unchanged} inchangé(s), sur ${result.stored.stations} station(s).${result.errorCount > 0 ? ` ${result.errorCount} erreur(s) : lignes non enregistrées.` : ""}`}
            />
          ) : (
            <Alert
              severity="error"
              title="Rien n'a été enregistré"
              description={`${result.rowCount} ligne(s) lue(s), ${result.errorCount} erreur(s). Corrigez le fichier ou choisissez d'enregistrer les lignes valides seulement.`}
            />
          )}
          {result.duplicates.length > 0 && (
            <>
              <h3 className="fr-h6 fr-mt-3w">Doublons ({result.duplicates.length})</h3>
              <ul>
                {result.duplicates.slice(0, 200).map((d) => (
                  <li key={d.idPdcItinerance}>{`${d.idPdcItinerance} : lignes ${d.lines.join(", ")}`}</li>
                ))}
              </ul>
            </>
          )}
          {result.errors.length > 0 && (
            <Table
              caption={`Erreurs par ligne et colonne${result.errorCount > result.errors.length ? ` (${result.errors.length} premières sur ${result.errorCount})` : ""}`}
              headers={["Ligne", "Colonne", "Erreur"]}
              data={result.errors.map((e) => [String(e.line), e.column, e.message])}
            />
          )}
        </div>
      )}
    </>
  );
}
