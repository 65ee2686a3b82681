"use client";

import { Button } from "@codegouvfr/react-dsfr/Button";

export function PrintButton() {
  return (
    <Button className="fr-no-print" iconId="fr-icon-printer-line" priority="secondary" onClick={() => window.print()}>
      Imprimer le récépissé
    </Button>
  );
}
