import { randomBytes } from "node:crypto";
import { test, expect, DEMO, login, expectAccessible, expectForbidden } from "../support/test";
import { expectErrorSummary } from "../support/forms";
import { makeOperator, uniqueSuffix } from "@/cli/demo/factories";
import { db } from "@/lib/platform/db/database";
import { verifySecret } from "@/lib/auth/password";
import { createRelayAccount } from "@/lib/gireve-relay/create-relay-account";

// Issue 18, the GIREVE channel seen by the administrator: an account of the relay created with
// its secret shown once (the stored one), given a new secret, a certificate refused then bound,
// revoked; the channel's calls and the unknown EVSEs the door journaled, with the CSV export;
// and the page refused to every other role.

const FINGERPRINT_ERROR = "empreinte de certificat invalide (SHA-256 : 64 caractères hexadécimaux)";

test("l'administrateur crée un accès du relais GIREVE, voit son secret une seule fois, le renouvelle et le révoque", async ({ page }) => {
  test.setTimeout(120_000);
  const label = `GIREVE ${uniqueSuffix()}`;
  await login(page, DEMO.admin.email, DEMO.admin.password);
  await page.getByRole("link", { name: "Canal GIREVE" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Canal GIREVE");
  await expectAccessible(page);

  const form = page.getByRole("form", { name: "Nouvel accès du relais" });
  await form.getByLabel(/^Environnement/).selectOption({ label: "Bac à sable" });
  await form.getByLabel(/^Libellé/).fill(label);
  await form.getByLabel(/^Empreinte du certificat client/).fill("abc");
  await form.getByRole("button", { name: "Créer l'accès du relais" }).click();
  await expectErrorSummary(page, "relais", { certFingerprint: FINGERPRINT_ERROR });
  await form.getByLabel(/^Empreinte du certificat client/).fill("");
  await form.getByRole("button", { name: "Créer l'accès du relais" }).click();
  await expect(form.getByTestId("form-feedback")).toContainText(/L'accès du relais gireve-sandbox-[0-9a-f]{6} \(bac à sable\) est créé\./);
  const username = (await form.getByTestId("issued-login").textContent()) ?? "";
  const secret = (await form.getByTestId("issued-secret").textContent()) ?? "";
  expect(secret.length).toBeGreaterThanOrEqual(20);
  const prisma = await db();
  const read = () => prisma.gireveRelayAccount.findUniqueOrThrow({ where: { username } });
  expect(await verifySecret(secret, (await read()).secretHash)).toBe(true);
  await expectAccessible(page);

  const accounts = page.getByRole("table", { name: "Accès du relais GIREVE" });
  const row = () => accounts.getByRole("row", { name: new RegExp(username) });
  await expect(row()).toContainText(label);
  await expect(row()).toContainText("Aucun (HTTP Basic)");
  await expect(row()).toContainText("Actif");
  // Shown once: gone after a reload, and never in the table.
  await page.reload();
  await expect(page.getByTestId("issued-secret")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(secret);

  // A new secret, after a confirmation: shown once in the row, the old one no longer stored.
  await row()
    .getByRole("button", { name: `Nouveau secret pour ${username}` })
    .click();
  await row().getByRole("button", { name: "Confirmer le nouveau secret" }).click();
  await expect(row().getByTestId("issued-login")).toHaveText(username);
  const rotated = (await row().getByTestId("issued-secret").textContent()) ?? "";
  expect(rotated).not.toBe(secret);
  const hash = (await read()).secretHash;
  expect(await verifySecret(rotated, hash)).toBe(true);
  expect(await verifySecret(secret, hash)).toBe(false);

  // The certificate: refused when malformed, then bound (lower-cased) and shown in the row.
  const certificate = page.getByRole("form", { name: "Certificat d'un accès du relais" });
  await certificate.getByLabel("Accès du relais").selectOption({ label: `${username} — ${label}` });
  await certificate.getByLabel(/^Empreinte du certificat client/).fill("zz".repeat(32));
  await certificate.getByRole("button", { name: "Enregistrer le certificat" }).click();
  await expectErrorSummary(page, "certificat", { certFingerprint: FINGERPRINT_ERROR });
  const fp = randomBytes(32).toString("hex");
  await certificate.getByLabel(/^Empreinte du certificat client/).fill(fp.toUpperCase());
  await certificate.getByRole("button", { name: "Enregistrer le certificat" }).click();
  await expect(certificate.getByTestId("form-feedback")).toContainText(`L'accès ${username} est associé au certificat ${fp}.`);
  await expect(row()).toContainText(fp);

  // Revoked after a confirmation: the row says so and offers no action any more.
  await row()
    .getByRole("button", { name: `Révoquer ${username}` })
    .click();
  await row().getByRole("button", { name: "Confirmer la révocation" }).click();
  await expect(row()).toContainText("Révoqué le");
  await expect(row().getByRole("button")).toHaveCount(0);
  const revoked = await read();
  expect(revoked.revokedAt).not.toBeNull();
  expect(revoked.certFingerprint).toBeNull();
  const audit = await prisma.auditLog.findMany({ where: { targetType: "gireve_relay_account", targetId: revoked.id }, orderBy: { id: "asc" } });
  expect(audit.map((a) => [a.actor, a.action])).toEqual([
    [DEMO.admin.email, "gireve_relay.created"],
    [DEMO.admin.email, "gireve_relay.secret_rotated"],
    [DEMO.admin.email, "gireve_relay.certificate_set"],
    [DEMO.admin.email, "gireve_relay.revoked"],
  ]);
  await expectAccessible(page);
});

test("la page du canal GIREVE montre les appels du relais et les points inconnus, exportés en CSV", async ({ page }) => {
  const prisma = await db();
  const tag = uniqueSuffix().toUpperCase();
  const operator = await makeOperator({ name: `Recharge GIREVE ${tag}` });
  const relay = await createRelayAccount({ env: "production", label: `relais ${tag}` }, { actor: "test" });
  // As the door journals a refused message and records the EVSE no dossier declares.
  const evseId = `FRXYZE${tag}`;
  const message = `point inconnu : ${evseId}`;
  await prisma.submission.create({
    data: {
      door: "GIREVE",
      env: "production",
      endpoint: "/api/gireve/emip",
      method: "POST",
      operatorId: operator.id,
      relayAccountId: relay.id,
      httpStatus: 200,
      outcome: "ECHEC",
      received: 1,
      errors: [{ chemin: "evseId", message }],
    },
  });
  await prisma.gireveUnknownEvse.create({
    data: {
      env: "production",
      evseId,
      rawEvseId: `FR*XYZ*E${tag}`,
      operatorCode: "FRXYZ",
      operatorId: operator.id,
      reason: "aucun dossier consentant ne déclare ce point",
      messages: 2,
    },
  });

  await login(page, DEMO.admin.email, DEMO.admin.password);
  await page.goto("/admin/gireve");
  const call = page.getByRole("table", { name: /^Appels du relais GIREVE/ }).getByRole("row", { name: new RegExp(operator.name) });
  await expect(call).toHaveCount(1);
  await expect(call).toContainText(relay.username);
  await expect(call).toContainText("Refusé");
  await expect(call).toContainText(`evseId : ${message}`);
  const evse = page.getByRole("table", { name: /^Points inconnus du canal GIREVE/ }).getByRole("row", { name: new RegExp(evseId) });
  await expect(evse).toHaveCount(1);
  await expect(evse).toContainText(operator.name);
  await expect(evse).toContainText(`FR*XYZ*E${tag}`);
  await expect(evse).toContainText("aucun dossier consentant ne déclare ce point");
  await expectAccessible(page);

  const excel = await page.request.get((await page.getByRole("link", { name: /CSV pour Excel/ }).getAttribute("href"))!);
  expect(excel.status()).toBe(200);
  expect(excel.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(excel.headers()["content-disposition"]).toBe('attachment; filename="gireve-evse-inconnus_excel-fr.csv"');
  const lines = (await excel.text()).slice(1).split("\r\n");
  expect(lines[1]).toBe("Environnement;EVSE (forme IRVE);EVSE reçu;Code opérateur;Opérateur du portail;Motif;Messages;Vu la première fois;Vu la dernière fois");
  expect(lines.find((l) => l.startsWith(`production;${evseId};`))).toMatch(
    new RegExp(`^production;${evseId};FR\\*XYZ\\*E${tag};FRXYZ;${operator.name};aucun dossier consentant ne déclare ce point;2;\\d{2}/\\d{2}/\\d{4} `),
  );
});

test("le canal GIREVE ne se gère que par l'administrateur", async ({ page, consoleErrors }) => {
  for (const who of [DEMO.comite, DEMO.operateur, DEMO.beneficiaire]) {
    await page.context().clearCookies();
    await login(page, who.email, who.password);
    await expectForbidden(page, consoleErrors, "/admin/gireve", who.email);
    const csv = await page.request.get("/admin/gireve/evse-inconnus.csv");
    expect(csv.status(), who.email).toBe(403);
    expect(await csv.json()).toEqual({ erreur: "Vous n'avez pas accès à cette ressource." });
  }
});
