import { createRelayAccount, type IssuedRelayAccount } from "@/lib/gireve-relay/create-relay-account";
import { listRelayAccounts } from "@/lib/gireve-relay/list-relay-accounts";
import { revokeRelayAccount } from "@/lib/gireve-relay/revoke-relay-account";
import { rotateRelaySecret } from "@/lib/gireve-relay/rotate-relay-secret";
import { setRelayCertificate } from "@/lib/gireve-relay/set-relay-certificate";
import type { DataEnv } from "@/generated/prisma/enums";
import { formatDateTime } from "@/lib/platform/format";
import { CliUsageError, type OptionValues } from "@/cli/args";
import { ACTOR, type Command } from "@/cli/command";

// The GIREVE relay's machine accounts (ADR 0023) from the command line: the same lib functions as
// the admin page /admin/gireve. Secrets are generated and printed once. Written either way:
// `gireve-relay:create …` or `gireve-relay create …` (cli/main.ts).

const str = (v: OptionValues[string]) => (typeof v === "string" ? v : undefined);
const ONCE = "⚠ Il ne sera plus affiché : transmettez-le à GIREVE par un canal sûr (seule une empreinte est conservée).";
const ENV = { production: "production", sandbox: "bac à sable (sandbox)" } as const;
const username = { type: "string", value: "<identifiant>", description: "identifiant de connexion de l'accès du relais", required: true } as const;

function issuedLines(a: Pick<IssuedRelayAccount, "username" | "secret">): string[] {
  return [`  identifiant : ${a.username}`, `  secret      : ${a.secret}`, ONCE];
}

export const GIREVE_RELAY_COMMANDS: Command[] = [
  {
    name: "gireve-relay:create",
    aliases: ["relais-gireve:creer"],
    summary: "Crée un accès du relais GIREVE (secret HTTP Basic généré, affiché une fois ; certificat client facultatif).",
    example: 'gireve-relay create --env production --label "GIREVE production" [--cert-fingerprint <sha256>]',
    options: {
      env: { type: "string", value: "<env>", description: "production ou sandbox", required: true },
      label: { type: "string", value: "<libellé>", description: "libellé libre (100 caractères au plus)" },
      "cert-fingerprint": { type: "string", value: "<sha256>", description: "empreinte SHA-256 du certificat client du relais (64 hex)" },
    },
    async run(v) {
      const account = await createRelayAccount(
        { env: str(v.env) as DataEnv, label: str(v.label), certFingerprint: str(v["cert-fingerprint"]) }, // checked by the lib's schema
        { actor: ACTOR },
      );
      return { lines: [`Accès du relais GIREVE créé (${ENV[account.env]}), id ${account.id}.`, ...issuedLines(account)] };
    },
  },
  {
    name: "gireve-relay:list",
    aliases: ["relais-gireve:lister"],
    summary: "Liste les accès du relais GIREVE (sans secret).",
    example: "gireve-relay list",
    options: {},
    async run() {
      const accounts = await listRelayAccounts();
      return {
        lines: [
          `Accès du relais GIREVE (${accounts.length}) :`,
          ...accounts.map(
            (a) =>
              `  ${a.username}${a.label ? ` (${a.label})` : ""} — ${ENV[a.env]} — ` +
              `${a.revokedAt ? `révoqué le ${formatDateTime(a.revokedAt)}` : "actif"} — ` +
              `certificat : ${a.certFingerprint ?? "aucun"} — dernier usage : ${a.lastUsedAt ? formatDateTime(a.lastUsedAt) : "jamais"}`,
          ),
        ],
      };
    },
  },
  {
    name: "gireve-relay:revoke",
    aliases: ["relais-gireve:revoquer"],
    summary: "Révoque un accès du relais GIREVE : ni son secret ni son certificat n'ouvrent plus le canal.",
    example: "gireve-relay revoke --username gireve-prod-1a2b3c",
    options: { username },
    async run(v) {
      const a = await revokeRelayAccount({ username: str(v.username), actor: ACTOR });
      return { lines: [a.alreadyRevoked ? `L'accès ${a.username} était déjà révoqué.` : `Accès du relais ${a.username} révoqué.`] };
    },
  },
  {
    name: "gireve-relay:rotate",
    aliases: ["relais-gireve:nouveau-secret"],
    summary: "Donne un nouveau secret généré (affiché une fois) à un accès du relais GIREVE ; l'ancien cesse aussitôt de fonctionner.",
    example: "gireve-relay rotate --username gireve-prod-1a2b3c",
    options: { username },
    async run(v) {
      const a = await rotateRelaySecret({ username: str(v.username), actor: ACTOR });
      return { lines: [`Nouveau secret de l'accès du relais ${a.username} :`, ...issuedLines(a)] };
    },
  },
  {
    name: "gireve-relay:certificate",
    aliases: ["relais-gireve:certificat"],
    summary: "Associe un certificat client (empreinte SHA-256) à un accès du relais GIREVE, ou le retire (--clear).",
    example: "gireve-relay certificate --username gireve-prod-1a2b3c --cert-fingerprint <sha256>   (ou --clear)",
    options: {
      username,
      "cert-fingerprint": { type: "string", value: "<sha256>", description: "empreinte SHA-256 du certificat client (64 hex)" },
      clear: { type: "boolean", description: "retire le certificat : le relais s'authentifie en HTTP Basic seulement" },
    },
    async run(v) {
      const fingerprint = str(v["cert-fingerprint"]);
      if ((fingerprint === undefined) === (v.clear !== true)) throw new CliUsageError("Donnez soit --cert-fingerprint <sha256>, soit --clear (l'un des deux).");
      const a = await setRelayCertificate({ username: str(v.username), certFingerprint: fingerprint ?? null, actor: ACTOR });
      const now = a.certFingerprint ? `associé au certificat ${a.certFingerprint}` : "sans certificat (HTTP Basic seulement)";
      return { lines: [a.changed ? `Accès du relais ${a.username} ${now}.` : `Rien n'a changé : l'accès du relais ${a.username} est déjà ${now}.`] };
    },
  },
];
