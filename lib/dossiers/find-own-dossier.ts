import { AppError } from "@/lib/platform/errors";
import { getDossierView, type Viewer } from "@/lib/dossiers/get-dossier-view";

/**
 * The dossier-ownership rule, for every page, action and route handler of a dossier: the dossier
 * as its viewer sees it when it is theirs (or any, for the admin: canViewDossier), else
 * NOT_FOUND, the same whether it does not exist or is someone else's, so the answer reveals
 * nothing (pages: 404 page; route handlers: 404 JSON; actions: the form's message).
 */
export async function findOwnDossier({ dossierId, viewer }: { dossierId: string; viewer: Viewer }) {
  const dossier = await getDossierView({ dossierId, viewer });
  if (!dossier) throw new AppError("NOT_FOUND", "Dossier introuvable.");
  return dossier;
}
