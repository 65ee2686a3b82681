import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTenant } from "@/tests/support/advenir/ingest";
import { startSmtpCapture } from "@/tests/support/mail/smtp-capture";
import { db } from "@/lib/platform/db/database";
import { makeUser } from "@/cli/demo/factories";
import { createSmtpMailer, smtpConfigured, smtpServerLabel } from "@/lib/platform/mail/smtp-mailer";
import { sendMonthlyReminders } from "@/lib/monthly-sending/send-monthly-reminders";
import { PORTAL_JOBS } from "@/cli/portal-jobs";

// The reminders run at a fixed `now` in 2020: the stations of this file were registered and signed
// on 1 January 2020, so they are late on 15 March 2020, while the data of the other tests sharing
// the database (registered today) is not. Each test has its own operator; mails are told apart by
// their recipients.
const NOW = new Date("2020-03-15T08:00:00Z");
const LATER_SAME_MONTH = new Date("2020-03-16T08:00:00Z");
const NEXT_MONTH = new Date("2020-04-15T08:00:00Z");

let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => smtp?.close());

const mailer = () =>
  createSmtpMailer({
    SMTP_URL: smtp.url,
    SMTP_HOST: undefined,
    SMTP_PORT: 587,
    SMTP_USER: undefined,
    SMTP_PASSWORD: undefined,
    SMTP_FROM: "Portail ADVENIR <ne-pas-repondre@advenir.test>",
  });

async function lateOperator(contacts: number) {
  const prisma = await db();
  const t = await makeTenant({ stations: ["LATE-1", "LATE-2"] });
  await prisma.station.updateMany({ where: { operatorId: t.operatorId }, data: { createdAt: new Date("2020-01-01T10:00:00Z") } });
  await prisma.attestation.updateMany({ where: { dossier: { operatorId: t.operatorId } }, data: { signedAt: new Date("2020-01-01T10:00:00Z") } });
  const emails: string[] = [];
  for (let i = 0; i < contacts; i++) emails.push((await makeUser({ role: "operateur", operatorId: t.operatorId })).email);
  // A disabled account is not a contact.
  const disabled = await makeUser({ role: "operateur", operatorId: t.operatorId });
  await prisma.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
  return { ...t, emails: emails.sort() };
}

describe("monthly-sending reminders", () => {
  it("reads the SMTP settings: none configured, no mailer", () => {
    const none = { SMTP_URL: undefined, SMTP_HOST: undefined, SMTP_PORT: 587, SMTP_USER: undefined, SMTP_PASSWORD: undefined, SMTP_FROM: undefined };
    expect(smtpConfigured(none)).toBe(false);
    expect(createSmtpMailer(none)).toBeNull();
    expect(smtpServerLabel({ ...none, SMTP_HOST: "mail.example.fr", SMTP_PORT: 2525, SMTP_USER: "u", SMTP_PASSWORD: "secret", SMTP_FROM: "a@b.fr" })).toBe(
      "mail.example.fr:2525",
    );
    expect(smtpServerLabel({ ...none, SMTP_URL: "smtps://u:secret@mail.example.fr", SMTP_FROM: "a@b.fr" })).toBe("mail.example.fr:465");
  });

  it("sends one e-mail per operator and month to its active contacts, never twice, again the next month", async () => {
    const prisma = await db();
    const op = await lateOperator(2);
    const report = await sendMonthlyReminders({ prisma, now: NOW, mailer: mailer(), months: 1, consoleUrl: "https://advenir.test/operateur" });
    expect(report).toMatch(/rappel\(s\) envoyé\(s\) via 127\.0\.0\.1:\d+/);
    const mine = () => smtp.mails.filter((m) => m.to.includes(op.emails[0]));
    expect(mine()).toHaveLength(1);
    expect(mine()[0].to.sort()).toEqual(op.emails);
    expect(mine()[0].from).toBe("ne-pas-repondre@advenir.test");
    const raw = mine()[0].raw.replace(/=\r\n/g, "");
    expect(raw).toMatch(/Subject: =\?UTF-8\?/); // French subject, encoded
    expect(raw).toContain("LATE-1");
    expect(raw).toContain("LATE-2");
    expect(raw).toContain("https://advenir.test/operateur");
    const row = await prisma.monthlySendingReminder.findUniqueOrThrow({ where: { operatorId_period: { operatorId: op.operatorId, period: "2020-03" } } });
    expect(row).toMatchObject({ status: "sent", lateStations: 2, error: null });
    expect(row.recipients.sort()).toEqual(op.emails);

    // The next day, a restart, or a second instance running the same day: nothing more this month.
    await sendMonthlyReminders({ prisma, now: LATER_SAME_MONTH, mailer: mailer(), months: 1, consoleUrl: null });
    await Promise.all([
      sendMonthlyReminders({ prisma, now: NOW, mailer: mailer(), months: 1, consoleUrl: null }),
      sendMonthlyReminders({ prisma, now: NOW, mailer: mailer(), months: 1, consoleUrl: null }),
    ]);
    expect(mine()).toHaveLength(1);

    // April: another period, another reminder.
    await sendMonthlyReminders({ prisma, now: NEXT_MONTH, mailer: mailer(), months: 1, consoleUrl: null });
    expect(mine()).toHaveLength(2);
  });

  it("records a refused sending as failed and sends it at a later run of the same month", async () => {
    const prisma = await db();
    const op = await lateOperator(1);
    // Everyone still late at this `now` is refused once: enough to fail this file's operator too.
    const lateOperators = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM operator`;
    smtp.failNext(Number(lateOperators[0].n));
    await expect(sendMonthlyReminders({ prisma, now: new Date("2020-05-15T08:00:00Z"), mailer: mailer(), months: 1, consoleUrl: null })).rejects.toThrow(
      /Échec de \d+ envoi\(s\)/,
    );
    smtp.failNext(0);
    const failed = await prisma.monthlySendingReminder.findUniqueOrThrow({ where: { operatorId_period: { operatorId: op.operatorId, period: "2020-05" } } });
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/451|Boîte de test indisponible/);
    expect(smtp.mails.filter((m) => m.to.includes(op.emails[0]))).toHaveLength(0);

    await sendMonthlyReminders({ prisma, now: new Date("2020-05-16T08:00:00Z"), mailer: mailer(), months: 1, consoleUrl: null });
    expect(smtp.mails.filter((m) => m.to.includes(op.emails[0]))).toHaveLength(1);
    expect(
      (await prisma.monthlySendingReminder.findUniqueOrThrow({ where: { operatorId_period: { operatorId: op.operatorId, period: "2020-05" } } })).status,
    ).toBe("sent");
  });

  it("sends and records nothing without an SMTP server, and says so", async () => {
    const prisma = await db();
    const op = await lateOperator(1);
    const report = await sendMonthlyReminders({ prisma, now: new Date("2020-06-15T08:00:00Z"), mailer: null, months: 1, consoleUrl: null });
    expect(report).toMatch(/^Aucun serveur SMTP configuré : aucun e-mail envoyé \(\d+ opérateur\(s\) en retard\)\.$/);
    expect(await prisma.monthlySendingReminder.count({ where: { operatorId: op.operatorId, period: "2020-06" } })).toBe(0);
  });

  it("is one of the portal's jobs, daily at 09:00 Paris time, with the SMTP settings of the environment (none in tests)", async () => {
    const job = PORTAL_JOBS.find((j) => j.name === "monthly-sending-reminders")!;
    expect(job.schedule).toEqual({ dailyAt: "09:00" });
    const op = await lateOperator(1);
    expect(await job.run({ prisma: await db(), now: new Date("2020-07-15T07:00:00Z") })).toMatch(/^Aucun serveur SMTP configuré : aucun e-mail envoyé/);
    expect(smtp.mails.filter((m) => m.to.includes(op.emails[0]))).toHaveLength(0);
  });
});
