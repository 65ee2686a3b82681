import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page introuvable" };

// HTTP 404: a page that does not exist, or a resource that is someone else's (a dossier of
// another beneficiary): both read the same, so the answer reveals nothing.
export default function NotFound() {
  return (
    <>
      <h1>Page introuvable</h1>
      <p>La page demandée n&apos;existe pas ou vous n&apos;y avez pas accès.</p>
      <Link className="fr-link" href="/">
        Retour à l&apos;accueil
      </Link>
    </>
  );
}
