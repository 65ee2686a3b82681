import os from "node:os";
import { generatePassword } from "@/lib/auth/password";
import { createUser } from "@/lib/users/create-user";
import { setAccountDisabled } from "@/lib/users/set-account-disabled";
import { resetPassword } from "@/lib/users/reset-password";
import { createOperator } from "@/lib/operators/create-operator";
import { createApiCredential, type IssuedCredential } from "@/lib/operators/create-api-credential";
import { rotateApiCredential } from "@/lib/operators/rotate-api-credential";
import { revokeApiCredential } from "@/lib/operators/revoke-api-credential";
import { createBeneficiary } from "@/lib/beneficiaries/create-beneficiary";
import { createDossier } from "@/lib/dossiers/create-dossier";
import { findDossier } from "@/lib/dossiers/find-dossier";
import { registerStations } from "@/lib/stations/register-stations";
import { signAttestation } from "@/lib/attestations/sign-attestation";
import { ATTESTATION_TEXT_VERSION } from "@/lib/attestations/attestation-text";
import { seedDemo } from "@/cli/demo/seed-demo";
import { QOS_COMMANDS } from "@/cli/qos-commands";
import { seedDemoActivity } from "@/cli/demo/seed-demo-activity";
import { seedDemoGireve } from "@/cli/demo/seed-demo-relay";
import { SITE_TYPES } from "@/lib/schemas/dossiers";
import type { CreateUserInput } from "@/lib/schemas/users";
import type { CreateDossierInput } from "@/lib/schemas/dossiers";
import { CliUsageError, type OptionValues } from "@/cli/args";
import { ACTOR, type Command } from "@/cli/command";
import { parseStationSpec, readStationsCsv } from "@/cli/station-specs";
import { IRVE_COMMANDS } from "@/cli/irve-commands";
import { INDICATOR_COMMANDS } from "@/cli/indicator-commands";
import { PROGRAMME_COMMANDS } from "@/cli/programme-commands";
import { API_ACCOUNT_COMMANDS } from "@/cli/api-account-commands";
import { GIREVE_RELAY_COMMANDS } from "@/cli/gireve-relay-commands";

// The admin commands. Each one maps its options onto ONE lib function's input and prints the
// result; validation is the lib's (zod), errors are translated to option names by main.ts.

const str = (v: OptionValues[string]) => (typeof v === "string" ? v : undefined);
const list = (v: OptionValues[string]) => (Array.isArray(v) ? v : []);

const ONCE = "⚠ Notez ces secrets maintenant : ils ne seront plus jamais affichés (seule une empreinte est conservée).";

function credentialLines(c: IssuedCredential): string[] {
  const env = c.env === "production" ? "production" : "bac à sable (sandbox)";
  return [`  Accès ${env} :`, `    identifiant : ${c.username}`, `    secret      : ${c.secret}`];
}

/** user:disable / user:enable: the same command both ways. */
function accountStatusCommand(disabled: boolean): Command {
  const name = disabled ? "user:disable" : "user:enable";
  return {
    name,
    aliases: [disabled ? "utilisateur:desactiver" : "utilisateur:reactiver"],
    summary: disabled
      ? "Désactive un compte : plus de connexion, sessions ouvertes arrêtées pour de bon ; rien n'est supprimé."
      : "Réactive un compte désactivé (ses anciennes sessions restent closes).",
    example: `${name} --email jeanne@exemple.fr`,
    options: { email: { type: "string", value: "<adresse>", description: "adresse e-mail du compte", required: true } },
    async run(v) {
      const user = await setAccountDisabled({ email: str(v.email) as string, disabled, actor: ACTOR });
      return { lines: [`Compte ${disabled ? "désactivé" : "réactivé"} : ${user.email}.`] };
    },
  };
}

export const COMMANDS: Command[] = [
  {
    name: "user:create",
    aliases: ["utilisateur:creer"],
    summary: "Crée un compte (mot de passe généré et affiché une fois si --password est omis).",
    example: 'user:create --email jeanne@exemple.fr --name "Jeanne Martin" --role comite --password "…"',
    options: {
      email: { type: "string", value: "<adresse>", description: "adresse e-mail de connexion", required: true },
      name: { type: "string", value: "<nom>", description: "nom affiché", required: true },
      role: { type: "string", value: "<rôle>", description: "beneficiaire, operateur, comite ou admin", required: true },
      password: { type: "string", value: "<mot de passe>", description: "12 caractères au moins ; généré si absent" },
      "operator-id": { type: "string", value: "<UserID>", description: "opérateur de rattachement (rôle operateur)" },
      "beneficiary-id": { type: "string", value: "<id>", description: "bénéficiaire de rattachement (rôle beneficiaire)" },
    },
    async run(v) {
      const generated = str(v.password) === undefined ? generatePassword() : undefined;
      const user = await createUser({
        email: str(v.email) as string,
        name: str(v.name) as string,
        role: str(v.role) as CreateUserInput["role"],
        password: generated ?? (str(v.password) as string),
        operatorId: str(v["operator-id"]),
        beneficiaryId: str(v["beneficiary-id"]),
        actor: ACTOR,
      });
      const lines = [`Compte créé : ${user.email} (${user.role}), id ${user.id}.`];
      if (generated) lines.push(`Mot de passe généré : ${generated}`, "⚠ Il ne sera plus affiché : transmettez-le par un canal sûr.");
      return { lines };
    },
  },
  accountStatusCommand(true),
  accountStatusCommand(false),
  {
    name: "user:reset-password",
    aliases: ["utilisateur:nouveau-mot-de-passe"],
    summary: "Donne un nouveau mot de passe généré (affiché une fois) ; l'ancien et ses sessions cessent de fonctionner.",
    example: "user:reset-password --email jeanne@exemple.fr",
    options: { email: { type: "string", value: "<adresse>", description: "adresse e-mail du compte", required: true } },
    async run(v) {
      const user = await resetPassword({ email: str(v.email) as string, actor: ACTOR });
      return { lines: [`Nouveau mot de passe de ${user.email} : ${user.password}`, "⚠ Il ne sera plus affiché : transmettez-le par un canal sûr."] };
    },
  },
  {
    name: "operator:create",
    aliases: ["operateur:creer"],
    summary: "Crée un opérateur et ses accès API de production et de bac à sable (secrets affichés une fois).",
    example: 'operator:create --name "Recharge SAS" --siren 732829320',
    options: {
      name: { type: "string", value: "<raison sociale>", description: "raison sociale de l'opérateur", required: true },
      siren: { type: "string", value: "<SIREN>", description: "9 chiffres, clé de contrôle valide", required: true },
    },
    async run(v) {
      const operator = await createOperator({
        name: str(v.name) as string,
        siren: str(v.siren) as string,
        credentials: ["production", "sandbox"],
        actor: ACTOR,
      });
      return {
        lines: [
          `Opérateur créé : ${operator.name} (SIREN ${operator.siren}).`,
          `  UserID ADVENIR : ${operator.id}`,
          ...operator.credentials.flatMap(credentialLines),
          ONCE,
        ],
      };
    },
  },
  {
    name: "credential:create",
    aliases: ["acces:creer"],
    summary: "Crée un accès API supplémentaire pour un opérateur (secret affiché une fois).",
    example: 'credential:create --operator-id <UserID> --env sandbox --label "Recette"',
    options: {
      "operator-id": { type: "string", value: "<UserID>", description: "opérateur", required: true },
      env: { type: "string", value: "<env>", description: "production ou sandbox", required: true },
      label: { type: "string", value: "<libellé>", description: "libellé libre" },
      "cert-fingerprint": { type: "string", value: "<sha256>", description: "empreinte SHA-256 du certificat client (64 hex)" },
    },
    async run(v) {
      const c = await createApiCredential({
        operatorId: str(v["operator-id"]) as string,
        env: str(v.env) as "production",
        label: str(v.label),
        certFingerprint: str(v["cert-fingerprint"]),
        actor: ACTOR,
      });
      return { lines: ["Accès API créé.", ...credentialLines(c), ONCE] };
    },
  },
  {
    name: "credential:rotate",
    aliases: ["acces:renouveler"],
    summary: "Révoque un accès API et le remplace par un nouveau (nouveau secret affiché une fois).",
    example: "credential:rotate --username op-1a2b3c4d-prod-5e6f70",
    options: { username: { type: "string", value: "<identifiant>", description: "identifiant de l'accès à remplacer", required: true } },
    async run(v) {
      const c = await rotateApiCredential({ username: str(v.username), actor: ACTOR });
      return { lines: [`Accès ${c.revokedUsername} révoqué et remplacé.`, ...credentialLines(c), ONCE] };
    },
  },
  {
    name: "credential:revoke",
    aliases: ["acces:revoquer"],
    summary: "Révoque un accès API.",
    example: "credential:revoke --username op-1a2b3c4d-prod-5e6f70",
    options: { username: { type: "string", value: "<identifiant>", description: "identifiant de l'accès", required: true } },
    async run(v) {
      const c = await revokeApiCredential({ username: str(v.username), actor: ACTOR });
      return { lines: [c.alreadyRevoked ? `L'accès ${c.username} était déjà révoqué.` : `Accès ${c.username} révoqué.`] };
    },
  },
  {
    name: "beneficiary:create",
    aliases: ["beneficiaire:creer"],
    summary: "Crée un bénéficiaire.",
    example: 'beneficiary:create --name "Copropriété Les Lilas" [--siren 732829320]',
    options: {
      name: { type: "string", value: "<nom>", description: "nom du bénéficiaire", required: true },
      siren: { type: "string", value: "<SIREN>", description: "SIREN, s'il en a un" },
    },
    async run(v) {
      const b = await createBeneficiary({ name: str(v.name) as string, siren: str(v.siren), actor: ACTOR });
      return { lines: [`Bénéficiaire créé : ${b.name}, id ${b.id}.`] };
    },
  },
  {
    name: "dossier:create",
    aliases: ["dossier:creer"],
    summary: "Crée un dossier ADVENIR (son attestation est à signer).",
    example:
      'dossier:create --reference ADV-2026-0042 --beneficiary-id <id> --operator-id <UserID> --site-name "Parking Nord" ' +
      '--address "1 rue de Rivoli, 75001 Paris" --insee-code 75101 --site-type residentiel_collectif --channel ADVENIR',
    options: {
      reference: { type: "string", value: "<référence>", description: "référence ADVENIR du dossier", required: true },
      "beneficiary-id": { type: "string", value: "<id>", description: "bénéficiaire", required: true },
      "operator-id": { type: "string", value: "<UserID>", description: "opérateur de supervision", required: true },
      "site-name": { type: "string", value: "<nom>", description: "nom du site", required: true },
      address: { type: "string", value: "<adresse>", description: "adresse du site", required: true },
      "insee-code": { type: "string", value: "<code>", description: "code INSEE de la commune (ex. 75101, 2A004, 97411)", required: true },
      "site-type": { type: "string", value: "<type>", description: Object.keys(SITE_TYPES).join(", "), required: true },
      channel: { type: "string", value: "<canal>", description: "ADVENIR ou GIREVE", required: true },
    },
    async run(v) {
      const d = await createDossier({
        reference: str(v.reference) as string,
        beneficiaryId: str(v["beneficiary-id"]) as string,
        operatorId: str(v["operator-id"]) as string,
        siteName: str(v["site-name"]) as string,
        address: str(v.address) as string,
        inseeCode: str(v["insee-code"]) as string,
        siteType: str(v["site-type"]) as CreateDossierInput["siteType"],
        channel: str(v.channel) as CreateDossierInput["channel"],
        actor: ACTOR,
      });
      return { lines: [`Dossier créé : ${d.reference}, id ${d.id}. Attestation à signer (texte ${d.attestation?.textVersion}).`] };
    },
  },
  {
    name: "stations:register",
    aliases: ["stations:enregistrer"],
    summary: "Enregistre les stations d'un dossier, toutes ou aucune.",
    example: "stations:register --dossier ADV-2026-0042 --station ST-001:2:7.4 --station ST-002:1:22   (ou --csv stations.csv)",
    options: {
      dossier: { type: "string", value: "<référence>", description: "référence du dossier", required: true },
      station: { type: "string", multiple: true, value: "<CODE:points:kW>", description: "une station (option répétable)" },
      csv: { type: "string", value: "<fichier>", description: "CSV station_code,point_count,nominal_power_kw[,insee_code]" },
    },
    async run(v) {
      const specs = list(v.station);
      const csv = str(v.csv);
      if (specs.length > 0 && csv) throw new CliUsageError("Donnez les stations soit par --station, soit par --csv, pas les deux.");
      if (specs.length === 0 && !csv) throw new CliUsageError("Option obligatoire manquante : --station <CODE:points:kW> (répétable) ou --csv <fichier>.");
      const stations = csv ? readStationsCsv(csv) : specs.map(parseStationSpec);
      const dossier = await findDossier({ reference: str(v.dossier) as string });
      const created = await registerStations({ dossierId: dossier.id, stations, actor: ACTOR });
      return {
        lines: [
          `${created.length} station(s) enregistrée(s) sur le dossier ${dossier.reference} :`,
          ...created.map((s) => `  ${s.stationCode} : ${s.pointCount} point(s), ${s.nominalPowerKw} kW, INSEE ${s.inseeCode}`),
        ],
      };
    },
  },
  {
    name: "attestation:sign",
    aliases: ["attestation:signer"],
    summary: "Signe l'attestation d'un dossier pour le compte du bénéficiaire (tracé comme tel).",
    example: 'attestation:sign --dossier ADV-2026-0042 --signer-name "Jeanne Martin" --signer-capacity "Syndic" --consent',
    options: {
      dossier: { type: "string", value: "<référence>", description: "référence du dossier", required: true },
      "signer-name": { type: "string", value: "<nom>", description: "nom du signataire", required: true },
      "signer-capacity": { type: "string", value: "<qualité>", description: "qualité du signataire (syndic, gérant…)", required: true },
      consent: {
        type: "boolean",
        description: "confirme que le bénéficiaire a donné son consentement (attestation papier signée)",
        required: true,
      },
    },
    fieldOptions: { dossierId: "--dossier" },
    async run(v) {
      const dossier = await findDossier({ reference: str(v.dossier) as string });
      const s = await signAttestation({
        dossierId: dossier.id,
        signerName: str(v["signer-name"]) as string,
        signerCapacity: str(v["signer-capacity"]) as string,
        consent: (v.consent === true) as true,
        textVersion: ATTESTATION_TEXT_VERSION,
        ipAddress: null,
        userAgent: `advenir-cli (${safeUser()}@${os.hostname()})`,
        onBehalf: true,
        actor: ACTOR,
      });
      if (s.alreadySigned)
        return {
          lines: [`L'attestation du dossier ${dossier.reference} était déjà signée le ${s.signedAt?.toISOString()} par ${s.signerName} : rien n'a changé.`],
        };
      return {
        lines: [
          `Attestation du dossier ${dossier.reference} signée pour le compte du bénéficiaire par ${s.signerName} (${s.signerCapacity}).`,
          `  Texte ${s.textVersion}, SHA-256 ${s.textSha256}`,
        ],
      };
    },
  },
  {
    name: "demo:seed",
    aliases: ["demo:installer"],
    summary: "Installe les données de démonstration et une année d'activité (base vide uniquement ; sans effet si déjà présentes).",
    example: "demo:seed",
    options: {},
    async run() {
      const result = await seedDemo();
      const lines = [result.message];
      if (result.status === "created") lines.push(await seedDemoActivity(), await seedDemoGireve());
      return { lines, exitCode: result.status === "refused" ? 1 : 0 };
    },
  },
];

/** Every command, each family's from its own file (cli/*-commands.ts). */
export function allCommands(): Command[] {
  return [...COMMANDS, ...IRVE_COMMANDS, ...INDICATOR_COMMANDS, ...PROGRAMME_COMMANDS, ...API_ACCOUNT_COMMANDS, ...GIREVE_RELAY_COMMANDS, ...QOS_COMMANDS];
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return "inconnu";
  }
}

export function findCommand(name: string): Command | undefined {
  return allCommands().find((c) => c.name === name || c.aliases.includes(name));
}
