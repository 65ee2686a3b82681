"use client";

import { usePathname } from "next/navigation";
import { SideMenu } from "@codegouvfr/react-dsfr/SideMenu";

const ITEMS = [
  { href: "/operateur", text: "Accueil et stations" },
  { href: "/operateur/identifiants", text: "Identifiants d'API" },
  { href: "/operateur/api-qualicharge", text: "Comptes de l'API QualiCharge" },
  { href: "/operateur/envois", text: "Envois" },
  { href: "/operateur/anomalies", text: "Anomalies" },
  { href: "/operateur/qualite-de-service", text: "Qualité de service" },
  { href: "/operateur/qualite-des-donnees", text: "Qualité des données" },
  { href: "/operateur/tiruert", text: "TIRUERT électrique" },
  { href: "/operateur/bac-a-sable", text: "Bac à sable" },
] as const;

/** The console's side menu; the current section is marked (aria-current) by the DSFR component. */
export function ConsoleNav() {
  const pathname = usePathname();
  const active = (href: string) => (href === "/operateur" ? pathname === href : pathname === href || pathname.startsWith(`${href}/`));
  return (
    <SideMenu
      align="left"
      burgerMenuButtonText="Menu de l'espace opérateur"
      title="Espace opérateur"
      items={ITEMS.map((i) => ({ text: i.text, linkProps: { href: i.href }, isActive: active(i.href) }))}
    />
  );
}
