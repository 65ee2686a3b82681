import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Accès refusé" };

// Where lib/auth/session.ts sends a signed-in user whose role lacks the permission a page needs.
export default function AccessDenied() {
  return (
    <>
      <h1>Accès refusé</h1>
      <p>Votre rôle ne vous permet pas d&apos;ouvrir cette page.</p>
      <Link className="fr-link" href="/">Retour à votre accueil</Link>
    </>
  );
}
