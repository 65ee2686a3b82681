import type { Metadata } from "next";
import type { ReactNode } from "react";
import { DsfrHead, getHtmlAttributes } from "@/components/dsfr/dsfr-head";
import { DsfrProvider } from "@/components/dsfr/dsfr-provider";
import { QueryProvider } from "@/components/providers/query-provider";
import { SiteHeader } from "@/components/layout/site-header";
import { SiteFooter } from "@/components/layout/site-footer";
import { getCurrentUser } from "@/lib/auth/session";
import { ROLE_HOME, ROLE_LABELS } from "@/lib/auth/permissions";

// Every page depends on the session: nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Portail de collecte ADVENIR", template: "%s — Portail de collecte ADVENIR" },
  description: "Collecte des données de recharge des points subventionnés par le programme ADVENIR.",
  // Files of public/ (DSFR's favicons): the web manifest and the icons browsers and phones ask for.
  manifest: "/manifest.webmanifest",
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "any" },
      { url: "/favicon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-touch-icon.png",
  },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  const lang = "fr";
  return (
    <html {...getHtmlAttributes({ lang })}>
      <head>
        <DsfrHead preloadFonts={["Marianne-Regular", "Marianne-Medium", "Marianne-Bold"]} />
      </head>
      <body>
        <DsfrProvider lang={lang}>
          <SiteHeader user={user ? { name: user.name, roleLabel: ROLE_LABELS[user.role], home: ROLE_HOME[user.role] } : null} />
          <main id="contenu" className="fr-container fr-py-6w" tabIndex={-1}>
            <QueryProvider>{children}</QueryProvider>
          </main>
          <SiteFooter />
        </DsfrProvider>
      </body>
    </html>
  );
}
