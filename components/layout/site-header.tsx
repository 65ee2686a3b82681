"use client";

import { Header } from "@codegouvfr/react-dsfr/Header";
import { signOut } from "next-auth/react";

export interface HeaderUser {
  name: string;
  roleLabel: string;
  home: string;
}

// Shows who is signed in and with which role; the logout button ends the next-auth session.
export function SiteHeader({ user }: { user: HeaderUser | null }) {
  return (
    <Header
      brandTop={
        <>
          République
          <br />
          Française
        </>
      }
      homeLinkProps={{ href: "/", title: "Accueil — Portail de collecte ADVENIR" }}
      serviceTitle="Portail de collecte ADVENIR"
      serviceTagline="Données de recharge des points subventionnés"
      // The DSFR display-settings dialog is titled with an <h1>, a second one on every page, and
      // nothing on the page opens it (the theme is fixed to "light": components/dsfr/dsfr-head.tsx).
      disableDisplay
      quickAccessItems={
        user
          ? [
              {
                iconId: "fr-icon-account-circle-line",
                text: `${user.name} — ${user.roleLabel}`,
                linkProps: { href: user.home },
              },
              { iconId: "fr-icon-lock-line", text: "Mot de passe", linkProps: { href: "/compte/mot-de-passe" } },
              {
                iconId: "fr-icon-logout-box-r-line",
                text: "Se déconnecter",
                buttonProps: { onClick: () => void signOut({ callbackUrl: "/connexion" }), type: "button" },
              },
            ]
          : [{ iconId: "fr-icon-lock-line", text: "Se connecter", linkProps: { href: "/connexion" } }]
      }
    />
  );
}
