import { createOperationalUnit } from "@/lib/api-accounts/create-operational-unit";
import { createApiGroup } from "@/lib/api-accounts/create-api-group";
import { createApiUser } from "@/lib/api-accounts/create-api-user";
import { findApiGroupIds } from "@/lib/api-accounts/find-api-groups";
import { listApiAccounts } from "@/lib/api-accounts/list-api-accounts";
import { resetApiUserPassword } from "@/lib/api-accounts/reset-api-user-password";
import { setApiUserActive } from "@/lib/api-accounts/set-api-user-active";
import { GRANTABLE_SCOPES } from "@/lib/schemas/qualicharge-scopes";
import type { CreateApiUserInput } from "@/lib/schemas/api-accounts";
import { formatDateTime } from "@/lib/platform/format";
import type { OptionValues } from "@/cli/args";
import { ACTOR, type Command } from "@/cli/command";

// Machine accounts of the QualiCharge API (ADR 0019) from the command line: the same lib
// functions as the admin pages. Passwords are generated and printed once. A change made here
// reaches a running portal within its cache delay of API users (10 s).

const str = (v: OptionValues[string]) => (typeof v === "string" ? v : undefined);
const list = (v: OptionValues[string]) => (Array.isArray(v) ? v : []);
const ONCE = "⚠ Il ne sera plus affiché : transmettez-le par un canal sûr (seule une empreinte est conservée).";
const userFields = { groupIds: "--group", unitCodes: "--unit", isSuperuser: "--superuser", scopes: "--scope", userId: "--username" };

function apiUserStatusCommand(active: boolean): Command {
  const name = active ? "api-user:enable" : "api-user:disable";
  return {
    name,
    aliases: [active ? "api-utilisateur:reactiver" : "api-utilisateur:desactiver"],
    summary: active
      ? "Réactive un utilisateur de l'API QualiCharge (ses anciens jetons restent invalides)."
      : "Désactive un utilisateur de l'API QualiCharge : plus de jeton, ses jetons en cours cessent de valoir.",
    example: `${name} --username recharge-sas-api`,
    options: { username: { type: "string", value: "<identifiant>", description: "identifiant de connexion de l'utilisateur d'API", required: true } },
    fieldOptions: userFields,
    async run(v) {
      const user = await setApiUserActive({ username: str(v.username), active, actor: ACTOR });
      return { lines: [`Utilisateur d'API ${active ? "réactivé" : "désactivé"} : ${user.username}.`] };
    },
  };
}

export const API_ACCOUNT_COMMANDS: Command[] = [
  {
    name: "api-unit:create",
    aliases: ["api-unite:creer"],
    summary: "Crée une unité opérationnelle de l'API QualiCharge (préfixe AFIREV de 5 caractères) détenue par un opérateur.",
    example: 'api-unit:create --code FRXYZ --name "Recharge SAS" --operator-id <UserID>',
    options: {
      code: { type: "string", value: "<FRXXX>", description: "préfixe AFIREV des identifiants eMI3 (FR + 3 lettres ou chiffres)", required: true },
      name: { type: "string", value: "<nom>", description: "nom de l'unité", required: true },
      "operator-id": { type: "string", value: "<UserID>", description: "opérateur qui la détient", required: true },
    },
    async run(v) {
      const unit = await createOperationalUnit({
        code: str(v.code) as string,
        name: str(v.name) as string,
        operatorId: str(v["operator-id"]) as string,
        actor: ACTOR,
      });
      return { lines: [`Unité opérationnelle créée : ${unit.code} (${unit.name}).`] };
    },
  },
  {
    name: "api-group:create",
    aliases: ["api-groupe:creer"],
    summary: "Crée un groupe d'utilisateurs de l'API QualiCharge détenant des unités de son opérateur (sans opérateur : l'opérateur technique).",
    example: "api-group:create --name recharge-sas --operator-id <UserID> --unit FRXYZ --unit FRXYW",
    options: {
      name: { type: "string", value: "<nom>", description: "nom unique du groupe", required: true },
      "operator-id": { type: "string", value: "<UserID>", description: "opérateur du groupe (absent : opérateur technique)" },
      unit: { type: "string", multiple: true, value: "<FRXXX>", description: "unité opérationnelle du groupe" },
    },
    fieldOptions: userFields,
    async run(v) {
      const group = await createApiGroup({ name: str(v.name) as string, operatorId: str(v["operator-id"]), unitCodes: list(v.unit), actor: ACTOR });
      return { lines: [`Groupe créé : ${group.name} (unités : ${group.unitCodes.join(", ") || "aucune"}).`] };
    },
  },
  {
    name: "api-user:create",
    aliases: ["api-utilisateur:creer"],
    summary: "Crée un utilisateur de l'API QualiCharge (mot de passe généré, affiché une fois).",
    example:
      "api-user:create --username recharge-sas-api --email api@recharge.fr --operator-id <UserID> --group recharge-sas --scope all:read --scope all:create",
    options: {
      username: { type: "string", value: "<identifiant>", description: "identifiant de connexion (3 à 100 caractères)", required: true },
      email: { type: "string", value: "<adresse>", description: "adresse e-mail de contact", required: true },
      "first-name": { type: "string", value: "<prénom>", description: "prénom du contact" },
      "last-name": { type: "string", value: "<nom>", description: "nom du contact" },
      "operator-id": { type: "string", value: "<UserID>", description: "opérateur de l'utilisateur (absent : opérateur technique)" },
      group: { type: "string", multiple: true, value: "<nom>", description: "groupe de l'utilisateur (de son opérateur)" },
      scope: { type: "string", multiple: true, value: "<droit>", description: GRANTABLE_SCOPES.join(", ") },
      superuser: { type: "boolean", description: "super-utilisateur : tous les droits sur tous les points (opérateur technique seulement)" },
      env: { type: "string", value: "<env>", description: "production (par défaut) ou sandbox" },
    },
    fieldOptions: userFields,
    async run(v) {
      const user = await createApiUser({
        username: str(v.username) as string,
        email: str(v.email) as string,
        firstName: str(v["first-name"]),
        lastName: str(v["last-name"]),
        operatorId: str(v["operator-id"]),
        groupIds: await findApiGroupIds(list(v.group)),
        scopes: list(v.scope) as CreateApiUserInput["scopes"],
        isSuperuser: v.superuser === true,
        env: (str(v.env) ?? "production") as CreateApiUserInput["env"],
        actor: ACTOR,
      });
      const rights = user.isSuperuser ? "super-utilisateur" : `droits : ${user.scopes.join(", ") || "aucun"}`;
      return { lines: [`Utilisateur d'API créé : ${user.username} (${rights}), id ${user.id}.`, `Mot de passe de ${user.username} : ${user.password}`, ONCE] };
    },
  },
  {
    name: "api-user:reset-password",
    aliases: ["api-utilisateur:nouveau-mot-de-passe"],
    summary: "Donne un nouveau mot de passe généré (affiché une fois) à un utilisateur d'API ; ses jetons en cours cessent de valoir.",
    example: "api-user:reset-password --username recharge-sas-api",
    options: { username: { type: "string", value: "<identifiant>", description: "identifiant de connexion de l'utilisateur d'API", required: true } },
    fieldOptions: userFields,
    async run(v) {
      const user = await resetApiUserPassword({ username: str(v.username), actor: ACTOR });
      return { lines: [`Nouveau mot de passe de ${user.username} : ${user.password}`, ONCE] };
    },
  },
  apiUserStatusCommand(false),
  apiUserStatusCommand(true),
  {
    name: "api-accounts:list",
    aliases: ["api-comptes:lister"],
    summary: "Liste les unités opérationnelles, groupes et utilisateurs de l'API QualiCharge (sans secret).",
    example: "api-accounts:list [--operator-id <UserID>]",
    options: { "operator-id": { type: "string", value: "<UserID>", description: "un seul opérateur" } },
    async run(v) {
      const { units, groups, users } = await listApiAccounts({ operatorId: str(v["operator-id"]) });
      return {
        lines: [
          `Unités opérationnelles (${units.length}) :`,
          ...units.map((u) => `  ${u.code}  ${u.name} — ${u.operator.name}`),
          `Groupes (${groups.length}) :`,
          ...groups.map((g) => `  ${g.name} — ${g.operator?.name ?? "opérateur technique"} — unités : ${g.unitCodes.join(", ") || "aucune"}`),
          `Utilisateurs d'API (${users.length}) :`,
          ...users.map(
            (u) =>
              `  ${u.username} <${u.email}> — ${u.operator?.name ?? "opérateur technique"} — ${u.isActive ? "actif" : "désactivé"}, ${u.env}` +
              ` — ${u.isSuperuser ? "super-utilisateur" : `droits : ${u.scopes.join(", ") || "aucun"}`}` +
              ` — groupes : ${u.groups.map((g) => g.name).join(", ") || "aucun"}` +
              ` — dernière connexion : ${u.lastLoginAt ? formatDateTime(u.lastLoginAt) : "jamais"}`,
          ),
        ],
      };
    },
  },
];
