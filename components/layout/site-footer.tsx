import { Footer } from "@codegouvfr/react-dsfr/Footer";

export function SiteFooter() {
  return (
    <Footer
      accessibility="partially compliant"
      brandTop={<>République<br />Française</>}
      homeLinkProps={{ href: "/", title: "Accueil — Portail de collecte ADVENIR" }}
      contentDescription="Portail de collecte des données de recharge des points subventionnés par le programme ADVENIR. Les données individuelles sont confidentielles et supprimées à la fin du programme."
    />
  );
}
