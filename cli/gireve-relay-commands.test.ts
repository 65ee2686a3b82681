import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { verifySecret } from "@/lib/auth/password";
import { cli } from "@/tests/support/cli/run-cli";
import { uniqueSuffix } from "@/cli/demo/factories";
import { usage } from "@/cli/help";

// The GIREVE relay's accounts from the command line, written `gireve-relay create` or
// `gireve-relay:create`: the secret printed once is the stored one, the list shows no secret,
// revoke / rotate / certificate change the stored account and are audited as "cli".

const secretOf = (out: string) => /secret {6}: (\S+)/.exec(out)?.[1] ?? "";
const usernameOf = (out: string) => /identifiant : (\S+)/.exec(out)?.[1] ?? "";

describe("gireve-relay commands", () => {
  it("creates an account whose printed secret is the stored one, lists it without secret, rotates, sets the certificate and revokes", async () => {
    const label = `Relais ${uniqueSuffix()}`;
    const fp = randomBytes(32).toString("hex");
    const created = await cli(["gireve-relay", "create", "--env", "sandbox", "--label", label, "--cert-fingerprint", fp.toUpperCase()]);
    expect(created).toMatchObject({ code: 0, err: "" });
    expect(created.out).toMatch(/^Accès du relais GIREVE créé \(bac à sable \(sandbox\)\), id [0-9a-f-]{36}\.\n {2}identifiant : gireve-sandbox-[0-9a-f]{6}\n/);
    expect(created.out).toContain("⚠ Il ne sera plus affiché");
    const username = usernameOf(created.out);
    const secret = secretOf(created.out);
    const prisma = await db();
    const read = () => prisma.gireveRelayAccount.findUniqueOrThrow({ where: { username } });
    expect(await verifySecret(secret, (await read()).secretHash)).toBe(true);
    expect((await read()).certFingerprint).toBe(fp);
    expect((await read()).label).toBe(label);

    const listed = await cli(["gireve-relay:list"]);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(`  ${username} (${label}) — bac à sable (sandbox) — actif — certificat : ${fp} — dernier usage : jamais`);
    expect(listed.out).not.toContain(secret);

    const rotated = await cli(["gireve-relay", "rotate", "--username", username]);
    expect(rotated.code).toBe(0);
    expect(rotated.out).toContain(`Nouveau secret de l'accès du relais ${username} :`);
    const newSecret = secretOf(rotated.out);
    expect(newSecret).not.toBe(secret);
    expect(await verifySecret(newSecret, (await read()).secretHash)).toBe(true);
    expect(await verifySecret(secret, (await read()).secretHash)).toBe(false);

    expect((await cli(["gireve-relay", "certificate", "--username", username, "--clear"])).out).toBe(
      `Accès du relais ${username} sans certificat (HTTP Basic seulement).`,
    );
    expect((await read()).certFingerprint).toBeNull();
    const fp2 = randomBytes(32).toString("hex");
    expect((await cli(["relais-gireve:certificat", "--username", username, "--cert-fingerprint", fp2])).out).toBe(
      `Accès du relais ${username} associé au certificat ${fp2}.`,
    );
    expect((await read()).certFingerprint).toBe(fp2);

    expect((await cli(["gireve-relay", "revoke", "--username", username])).out).toBe(`Accès du relais ${username} révoqué.`);
    expect((await read()).revokedAt).toBeInstanceOf(Date);
    expect((await cli(["gireve-relay", "revoke", "--username", username])).out).toBe(`L'accès ${username} était déjà révoqué.`);
    expect((await cli(["gireve-relay:list"])).out).toMatch(new RegExp(`  ${username} \\(${label}\\) — bac à sable \\(sandbox\\) — révoqué le `));

    const { id } = await read();
    const audit = await prisma.auditLog.findMany({ where: { targetId: id, targetType: "gireve_relay_account" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.actor, a.action])).toEqual([
      ["cli", "gireve_relay.created"],
      ["cli", "gireve_relay.secret_rotated"],
      ["cli", "gireve_relay.certificate_cleared"],
      ["cli", "gireve_relay.certificate_set"],
      ["cli", "gireve_relay.revoked"],
    ]);
  });

  it("says in French what is refused, naming the options", async () => {
    const bad = await cli(["gireve-relay", "create", "--env", "recette"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toBe("Saisie invalide :\n  --env : environnement inconnu (production ou sandbox)");
    const badFp = await cli(["gireve-relay", "create", "--env", "production", "--cert-fingerprint", "abc"]);
    expect(badFp.err).toContain("--cert-fingerprint : empreinte de certificat invalide (SHA-256 : 64 caractères hexadécimaux)");
    const ghost = `inconnu-${uniqueSuffix()}`;
    const unknown = await cli(["gireve-relay", "rotate", "--username", ghost]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain(`Accès du relais GIREVE introuvable : ${ghost}.`);
    const both = await cli(["gireve-relay", "certificate", "--username", ghost, "--clear", "--cert-fingerprint", "ab".repeat(32)]);
    expect(both.code).toBe(2);
    expect(both.err).toContain("Donnez soit --cert-fingerprint <sha256>, soit --clear (l'un des deux).");
    const missing = await cli(["gireve-relay", "revoke"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("Option obligatoire manquante : --username <identifiant>");
    const noVerb = await cli(["gireve-relay"]);
    expect(noVerb.code).toBe(2);
    expect(noVerb.err).toContain("Précisez la commande : create, list, revoke, rotate, certificate.");
  });

  it("are listed by --help, and the family's help by `gireve-relay --help`", async () => {
    for (const name of ["gireve-relay:create", "gireve-relay:list", "gireve-relay:revoke", "gireve-relay:rotate", "gireve-relay:certificate"])
      expect(usage()).toContain(name);
    const help = await cli(["gireve-relay", "--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain("gireve-relay:certificate  (alias : relais-gireve:certificat)");
    expect(help.out).not.toContain("api-user:create");
  });
});
