import nodemailer from "nodemailer";
import { getEnv, type Env } from "@/lib/platform/env";

// Outgoing mail over SMTP (nodemailer). Configured by SMTP_URL, or SMTP_HOST with SMTP_PORT,
// SMTP_USER and SMTP_PASSWORD, with SMTP_FROM as the sender (lib/platform/env.ts). Nothing
// configured: no mailer, and the callers say that no e-mail is sent rather than fail.

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
}

export interface Mailer {
  /** Where the mail goes (host:port), for the admin page; never the credentials. */
  describe: string;
  send(message: MailMessage): Promise<{ messageId: string }>;
}

type SmtpSettings = Pick<Env, "SMTP_URL" | "SMTP_HOST" | "SMTP_PORT" | "SMTP_USER" | "SMTP_PASSWORD" | "SMTP_FROM">;

/** Whether an SMTP server is configured. */
export function smtpConfigured(env: SmtpSettings = getEnv()): boolean {
  return Boolean((env.SMTP_URL || env.SMTP_HOST) && env.SMTP_FROM);
}

/** The configured SMTP server as host:port, never its credentials; null when none. */
export function smtpServerLabel(env: SmtpSettings = getEnv()): string | null {
  if (!smtpConfigured(env)) return null;
  if (env.SMTP_URL) {
    const url = new URL(env.SMTP_URL);
    return `${url.hostname}:${url.port || (url.protocol === "smtps:" ? "465" : "587")}`;
  }
  return `${env.SMTP_HOST}:${env.SMTP_PORT}`;
}

/** A mailer for the configured server, or null when none is configured. */
export function createSmtpMailer(env: SmtpSettings = getEnv()): Mailer | null {
  if (!smtpConfigured(env)) return null;
  const transport = env.SMTP_URL
    ? nodemailer.createTransport(env.SMTP_URL)
    : nodemailer.createTransport({
        host: env.SMTP_HOST,
        port: env.SMTP_PORT,
        // Port 465 speaks TLS from the first byte; the others upgrade with STARTTLS when offered.
        secure: env.SMTP_PORT === 465,
        auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? "" } : undefined,
      });
  return {
    describe: smtpServerLabel(env)!,
    async send(message) {
      const info = await transport.sendMail({ from: env.SMTP_FROM, to: message.to, subject: message.subject, text: message.text });
      return { messageId: String(info.messageId) };
    },
  };
}
