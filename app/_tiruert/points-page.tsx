import Link from "next/link";
import type { CurrentUser } from "@/lib/auth/session";
import { listRegistrablePoints } from "@/lib/tiruert/register-points";
import { METER_TYPES } from "@/lib/tiruert/meter-types";
import { tiruertActor } from "@/lib/tiruert/format";
import { RegisterPointsForm } from "@/components/tiruert/register-points-form";
import { UnregisterPointForm } from "@/components/tiruert/unregister-point-form";
import { registerPointsAction, unregisterPointAction } from "./actions";

/** Registration of the actor's public points, with the meter type of each. */
export async function TiruertPointsPage({ user, base }: { user: CurrentUser; base: string }) {
  const points = await listRegistrablePoints(tiruertActor(user));
  return (
    <>
      <p>
        <Link href={base}>Retour aux états trimestriels</Link>
      </p>
      <h1>Points enregistrés dans le dispositif TIRUERT</h1>
      <p>
        Seuls les points ouverts au public entrent dans le dispositif : le portail le lit dans leurs données statiques IRVE (champ <code>condition_acces</code>{" "}
        égal à « Accès libre »). L&apos;aménageur est le SIREN de ces données (<code>siren_amenageur</code>) ou, à défaut, celui du bénéficiaire du dossier.
        Pour chaque point, déclarez le type de compteur qui mesure l&apos;énergie délivrée : le portail enregistre votre déclaration, il ne certifie pas les
        compteurs.
      </p>
      {points.length === 0 ? (
        <p>Aucun point de charge avec un identifiant d&apos;itinérance n&apos;est rattaché à votre compte.</p>
      ) : (
        <RegisterPointsForm
          action={registerPointsAction}
          meterTypes={Object.entries(METER_TYPES).map(([code, m]) => ({ code, label: m.label, currents: m.currents }))}
          points={points.map((p) => ({
            chargePointId: p.chargePointId,
            idPdcItinerance: p.idPdcItinerance,
            stationCode: p.stationCode,
            siren: p.siren,
            current: p.eligibility.eligible ? p.eligibility.current : null,
            refusal: p.eligibility.eligible ? (p.siren ? null : "aucun SIREN d'aménageur") : p.eligibility.reason,
            registeredMeter: p.registered?.meterType ?? null,
          }))}
        />
      )}
      {points.some((p) => p.registered) && (
        <UnregisterPointForm
          action={unregisterPointAction}
          points={points.filter((p) => p.registered).map((p) => ({ chargePointId: p.chargePointId, idPdcItinerance: p.idPdcItinerance }))}
        />
      )}
    </>
  );
}
