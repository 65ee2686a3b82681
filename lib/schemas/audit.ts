import { z } from "zod";

/** Who performs a state change, as written in the audit log ("cli", an e-mail, "demo:seed"). */
export const actorSchema = z.object({
  actor: z.string({ error: "auteur de l'action obligatoire" }).trim().min(1, { error: "auteur de l'action obligatoire" }).max(200),
  actorUserId: z.uuid({ error: "Auteur de l'action : compte introuvable" }).nullish(),
});

export type AuditActor = z.input<typeof actorSchema>;
