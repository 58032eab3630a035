import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Db } from './db.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** The region the message concerns: its admins can read it in the outbox. */
  regionId?: string | null;
}

export interface Mailer {
  readonly mode: 'smtp' | 'outbox';
  send(db: Db, message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * SMTP when SMTP_URL is set; otherwise every message is stored in mail_outbox, which region admins read
 * in the product. Either way a copy row is kept (status sent/failed/stored) so delivery can be followed.
 */
export function createMailer(opts: { smtpUrl?: string; from: string }): Mailer {
  const transport = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  return {
    mode: transport ? 'smtp' : 'outbox',
    async send(db, message) {
      const id = randomUUID();
      let status: 'stored' | 'sent' | 'failed' = 'stored';
      let error: string | null = null;
      if (transport) {
        try {
          await transport.sendMail({
            from: opts.from,
            to: message.to,
            subject: message.subject,
            text: message.text,
          });
          status = 'sent';
        } catch (err) {
          status = 'failed';
          error = err instanceof Error ? err.message.slice(0, 500) : 'unknown error';
        }
      }
      await db.query(
        `INSERT INTO mail_outbox (id, region_id, to_address, subject, body_text, status, error, sent_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $6 = 'sent' THEN now() END)`,
        // Sent mail keeps no body: it may hold a one-time link meant for the recipient only.
        [
          id,
          message.regionId ?? null,
          message.to,
          message.subject,
          transport ? '' : message.text,
          status,
          error,
        ],
      );
    },
    close() {
      transport?.close();
    },
  };
}
