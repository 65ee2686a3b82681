"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { DsfrProviderBase, StartDsfrOnHydration } from "@codegouvfr/react-dsfr/next-app-router";

// Client half of the DSFR wiring; `defaultColorScheme` must match components/dsfr/dsfr-head.tsx.
export function DsfrProvider({ children, lang }: { children: ReactNode; lang: string }) {
  return (
    <DsfrProviderBase lang={lang} Link={Link} defaultColorScheme="light">
      <StartDsfrOnHydration />
      {children}
    </DsfrProviderBase>
  );
}
