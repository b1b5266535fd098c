import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type { ApiConfig } from "../config.ts";

/** A rendered mail (usecases/mail-copy.ts) and the transport that sends it. `messageId`: stable across retries, so a receiving system can tell a resend from a new mail. */
export type Mail = { to: string; subject: string; text: string; html: string; messageId?: string };
export type Mailer = { send(mail: Mail): Promise<void>; describe: string };

/** SMTP when SMTP_URL is set; otherwise each mail is written as an .eml file to MAIL_DIR (readable in any mail client). */
export function createMailer(config: Pick<ApiConfig, "smtpUrl" | "mailFrom" | "mailDir">): Mailer {
  if (config.smtpUrl) {
    // Bounded waits: a hanging server must fail the attempt (and let it be retried) well before the job expires.
    const transport = nodemailer.createTransport({
      url: config.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    return {
      describe: `SMTP ${new URL(config.smtpUrl).host}`,
      async send(m) {
        await transport.sendMail({ from: config.mailFrom, ...m });
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    describe: `files in ${config.mailDir}`,
    async send(m) {
      const info = await transport.sendMail({ from: config.mailFrom, ...m });
      await mkdir(config.mailDir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${info.messageId.replace(/[^a-zA-Z0-9]/g, "").slice(0, 16)}.eml`;
      await writeFile(join(config.mailDir, name), info.message as Buffer);
    },
  };
}
