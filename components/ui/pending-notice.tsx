import { Notice } from "@codegouvfr/react-dsfr/Notice";

// Says plainly that a capability is not available yet (no placeholder data).
export function PendingNotice({ title }: { title: string }) {
  return <Notice title={title} className="fr-mb-3w" />;
}
