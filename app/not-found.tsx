import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1>Page introuvable</h1>
      <p>La page demandée n&apos;existe pas ou vous n&apos;y avez pas accès.</p>
      <Link className="fr-link" href="/">Retour à l&apos;accueil</Link>
    </>
  );
}
