import Link from "next/link";

// Rendered with status 403 when a page calls forbidden() (lib/auth/session.ts).
export default function Forbidden() {
  return (
    <>
      <h1>Accès refusé</h1>
      <p>Votre rôle ne vous permet pas d&apos;ouvrir cette page.</p>
      <Link className="fr-link" href="/">Retour à votre accueil</Link>
    </>
  );
}
