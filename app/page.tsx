import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { ROLE_HOME } from "@/lib/auth/permissions";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const user = await getCurrentUser();
  if (user) redirect(ROLE_HOME[user.role]);
  return (
    <>
      <h1>Portail de collecte ADVENIR</h1>
      <p className="fr-text--lead">
        Le programme ADVENIR subventionne des points de recharge pour véhicules électriques. En contrepartie, les données de recharge de ces points sont
        collectées pour mesurer l&apos;impact carbone de la recharge, sa charge sur le réseau électrique et la qualité de service.
      </p>
      <ul>
        <li>
          Les <strong>bénéficiaires</strong> gèrent leurs dossiers, signent l&apos;attestation sur l&apos;honneur et déclarent leurs stations.
        </li>
        <li>
          Les <strong>opérateurs</strong> transmettent les courbes de charge et les opérations de recharge par l&apos;API.
        </li>
        <li>
          Le <strong>comité de pilotage</strong> consulte des indicateurs agrégés et anonymes.
        </li>
      </ul>
      <Link className="fr-btn" href="/connexion">
        Se connecter
      </Link>
    </>
  );
}
