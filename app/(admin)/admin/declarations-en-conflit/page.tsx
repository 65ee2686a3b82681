import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { listDeclarationConflicts } from "@/lib/charge-points/list-declaration-conflicts";
import { formatDateTime } from "@/lib/platform/format";
import { IRVE_LABELS, type IrveColumn } from "@/lib/schemas/irve";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Déclarations en conflit" };
export const dynamic = "force-dynamic";

const DOORS: Record<string, string> = { QUALICHARGE: "API QualiCharge", GIREVE: "Dossier (GIREVE)", ADVENIR: "API ADVENIR" };

/** "api:<utilisateur>" → "utilisateur d'API …", "dossier:<référence>" → "dossier …". */
function sourceLabel(source: string): string {
  const [kind, ...rest] = source.split(":");
  const name = rest.join(":");
  if (kind === "api") return `utilisateur d'API ${name}`;
  if (kind === "dossier") return `dossier ${name}`;
  return source;
}

// A point is declared by whichever door (ADR 0019): when the latest declarations of its sources
// differ, the admin sees on which fields and what each source declared, to have them agree.
export default async function DeclarationConflictsPage() {
  await requirePermission("declarations:read-conflicts");
  const conflicts = await listDeclarationConflicts();
  return (
    <>
      <h1>Déclarations en conflit</h1>
      <p>
        Un point de charge peut être déclaré par l&apos;opérateur (API QualiCharge) et par le dossier d&apos;un bénéficiaire (données statiques IRVE, canal
        GIREVE). Le portail garde la dernière déclaration reçue ; ce tableau liste les points dont les dernières déclarations de chaque source diffèrent, champ
        par champ. Dates au format jj/mm/aaaa.
      </p>
      {conflicts.length === 0 ? (
        <p>Aucun conflit : toutes les sources déclarent les mêmes données.</p>
      ) : (
        <DataTable
          caption={`Points aux déclarations divergentes (${conflicts.length})`}
          multiline
          headers={["Point de charge", "Sources (dernière déclaration)", "Champs divergents"]}
          rowKeys={conflicts.map((c) => c.chargePointId)}
          rows={conflicts.map((c) => [
            <code key="id">{c.idPdcItinerance}</code>,
            <ul key="sources">
              {c.sources.map((s) => (
                <li key={s.source}>
                  {DOORS[s.door] ?? s.door} — {sourceLabel(s.source)}, le {formatDateTime(s.declaredAt)}
                </li>
              ))}
            </ul>,
            <ul key="fields">
              {c.fields.map((f) => (
                <li key={f.field}>
                  {IRVE_LABELS[f.field as IrveColumn] ?? f.field} ({f.field}) :{" "}
                  {f.values.map((v) => `${sourceLabel(v.source)} « ${v.value || "vide"} »`).join(" ; ")}
                </li>
              ))}
            </ul>,
          ])}
        />
      )}
    </>
  );
}
