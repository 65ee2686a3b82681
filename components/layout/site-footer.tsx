import { Footer } from "@codegouvfr/react-dsfr/Footer";

export function SiteFooter() {
  return (
    <Footer
      // No RGAA audit yet: the statement (/accessibilite) explains what is checked and what is not.
      accessibility="non compliant"
      accessibilityLinkProps={{ href: "/accessibilite" }}
      brandTop={
        <>
          République
          <br />
          Française
        </>
      }
      homeLinkProps={{ href: "/", title: "Accueil — Portail de collecte ADVENIR" }}
      contentDescription="Portail de collecte des données de recharge des points subventionnés par le programme ADVENIR. Les données individuelles sont confidentielles et supprimées à la fin du programme."
    />
  );
}
