import { SMTPServer } from "smtp-server";
import { freePort } from "@/tests/support/common/free-port";

export interface CapturedMail {
  from: string;
  to: string[];
  /** The raw message (headers and body) as received. */
  raw: string;
}

/**
 * A local SMTP server that keeps what it receives, on a free port of 127.0.0.1, for the tests of
 * outgoing mail: no TLS, no authentication, nothing leaves the machine. `failNext` makes it refuse
 * the next messages (a 451 answer), for the tests of failed sendings.
 */
export async function startSmtpCapture(): Promise<{ url: string; mails: CapturedMail[]; failNext(count: number): void; close(): Promise<void> }> {
  const mails: CapturedMail[] = [];
  let failures = 0;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (failures > 0) {
          failures--;
          const refused = Object.assign(new Error("Boîte de test indisponible"), { responseCode: 451 });
          return callback(refused);
        }
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    failNext(count) {
      failures = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
