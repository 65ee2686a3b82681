import Link from "next/link";
import { DsfrHeadBase, createGetHtmlAttributes, type DsfrHeadProps } from "@codegouvfr/react-dsfr/next-app-router/server-only-index";

// Server half of the DSFR wiring for the App Router (fonts and icons come from the package).
// "light" (not "system") so the theme attribute is in the server HTML: pages answering 404 via
// notFound() are re-rendered by React on the client, and the DSFR requires the attribute to stay.
export const defaultColorScheme = "light";
export const { getHtmlAttributes } = createGetHtmlAttributes({ defaultColorScheme });

export function DsfrHead(props: DsfrHeadProps) {
  return <DsfrHeadBase Link={Link} {...props} />;
}
