import type { ReactNode } from "react";
import { ConsoleNav } from "./_components/console-nav";

// The operator console: a side menu and the current section. Each page checks access itself.
export default function OperatorLayout({ children }: { children: ReactNode }) {
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-3">
        <ConsoleNav />
      </div>
      <div className="fr-col-12 fr-col-md-9">{children}</div>
    </div>
  );
}
