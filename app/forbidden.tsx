import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Accès refusé" };

// Rendered with HTTP 403 where lib/auth/session.ts calls forbidden(): a signed-in person whose
// role lacks the permission the page or action needs.
export default function Forbidden() {
  return (
    <>
      <h1>Accès refusé</h1>
      <p>Votre rôle ne vous permet pas d&apos;ouvrir cette page.</p>
      <Link className="fr-link" href="/">
        Retour à votre accueil
      </Link>
    </>
  );
}
