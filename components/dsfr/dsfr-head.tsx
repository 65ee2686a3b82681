import Link from "next/link";
import { DsfrHeadBase, createGetHtmlAttributes, type DsfrHeadProps } from "@codegouvfr/react-dsfr/next-app-router/server-only-index";

// Server half of the DSFR wiring for the App Router (fonts and icons come from the package).
export const defaultColorScheme = "system";
export const { getHtmlAttributes } = createGetHtmlAttributes({ defaultColorScheme });

export function DsfrHead(props: DsfrHeadProps) {
  return <DsfrHeadBase Link={Link} {...props} />;
}
