import type { ReactNode } from "react";
import type { MeshLevel } from "@/lib/schemas/indicator-catalogue";
import type { DashboardContext } from "@/lib/indicators/get-dashboard-context";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { DashboardNav, NoRunNotice, RunSummary } from "@/components/indicators/dashboard-header";
import { FiltersForm } from "@/components/indicators/filters-form";

// The frame of every committee indicator page: title, links between pages, filters, what is
// shown and from which run; or, before any run, a plain notice (with the admin's way out).
export function DashboardPage(props: {
  title: string;
  intro: ReactNode;
  path: string;
  context: DashboardContext;
  /** Shown under the "no run yet" notice: the admin's recompute button. */
  noRunAction?: ReactNode;
  levels?: readonly MeshLevel[];
  showIndicator?: boolean;
  /** What the page draws, when it is not the one area of the filters (the map: every area of a level). */
  scope?: string;
  children: ReactNode;
}) {
  return (
    <>
      <h1>{props.title}</h1>
      <p>{props.intro}</p>
      <DashboardNav current={props.path} context={props.context} />
      {props.context.missing ? (
        <>
          <FiltersForm action={props.path} context={props.context} levels={props.levels} showIndicator={props.showIndicator} />
          <Alert
            severity="info"
            title="Rien à afficher pour cette sélection"
            description={props.context.missing}
            className="fr-mb-3w"
            data-testid="missing-selection"
          />
        </>
      ) : !props.context.run ? (
        <NoRunNotice>{props.noRunAction}</NoRunNotice>
      ) : (
        <>
          <FiltersForm action={props.path} context={props.context} levels={props.levels} showIndicator={props.showIndicator} />
          <RunSummary context={props.context} scope={props.scope} />
          {props.children}
        </>
      )}
    </>
  );
}
