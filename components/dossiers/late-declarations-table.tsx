import { Table } from "@codegouvfr/react-dsfr/Table";
import type { LateDeclaration } from "@/lib/irve/list-late-declarations";

export function LateDeclarationsTable({ rows }: { rows: LateDeclaration[] }) {
  if (rows.length === 0) return <p>Aucune déclaration en retard.</p>;
  return (
    <Table
      caption={`Déclarations de données statiques en retard (${rows.length})`}
      headers={["Dossier", "Opérateur", "Station", "Point de charge", "Événement", "Échéance", "Déclaré le", "Retard (jours)"]}
      data={rows.map((r) => [
        r.dossierReference,
        r.operatorName,
        r.stationCode,
        r.idPdcItinerance,
        `${r.eventKind === "mise_en_service" ? "Mise en service" : "Modification"} du ${r.eventDate}`,
        r.dueDate,
        r.declaredOn,
        String(r.daysLate),
      ])}
    />
  );
}
