/**
 * Outgoing e-mail through a transactional outbox: `queueMail(tx, …)` inside the change's transaction; the
 * `core.mail.flush` job delivers by SMTP, or, without SMTP configured, writes each message to
 * DATA_DIR/outbox/ and the log (so a fresh install works with no mail server).
 */
import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type pg from 'pg';
import type { Queryable } from './db.ts';
import type { Config } from '../config.ts';
import type { Logger } from './logger.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export async function queueMail(tx: Queryable, msg: MailMessage): Promise<void> {
  await tx.query('INSERT INTO mail_outbox (to_address, subject, body) VALUES ($1, $2, $3)', [msg.to, msg.subject, msg.text]);
}

export class Mailer {
  private transport?: Transporter;
  readonly outboxDir: string;

  constructor(private config: Config, private log: Logger) {
    this.outboxDir = path.join(config.dataDir, 'outbox');
    if (config.smtp) {
      this.transport = nodemailer.createTransport({
        host: config.smtp.host, port: config.smtp.port, secure: config.smtp.secure,
        auth: config.smtp.user ? { user: config.smtp.user, pass: config.smtp.password } : undefined,
      });
    }
  }

  private async deliver(id: number, msg: MailMessage): Promise<void> {
    if (this.transport) {
      await this.transport.sendMail({ from: this.config.smtp!.from, to: msg.to, subject: msg.subject, text: msg.text });
      return;
    }
    fs.mkdirSync(this.outboxDir, { recursive: true });
    const file = path.join(this.outboxDir, `${String(id).padStart(8, '0')}.eml`);
    fs.writeFileSync(file, `To: ${msg.to}\nSubject: ${msg.subject}\nDate: ${new Date().toUTCString()}\n\n${msg.text}\n`);
    this.log.info({ to: msg.to, subject: msg.subject, file }, 'mail written to outbox (no SMTP configured)');
  }

  /** Delivers pending messages; each row is locked so concurrent flushers never send one twice. */
  async flush(pool: pg.Pool, max = 200): Promise<number> {
    let sent = 0;
    for (let i = 0; i < max; i++) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query(
          `SELECT id, to_address, subject, body FROM mail_outbox WHERE sent_at IS NULL AND attempts < 8
           ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`);
        if (!rows.length) { await client.query('COMMIT'); break; }
        const r = rows[0];
        try {
          await this.deliver(Number(r.id), { to: r.to_address, subject: r.subject, text: r.body });
          await client.query('UPDATE mail_outbox SET sent_at = now(), attempts = attempts + 1 WHERE id = $1', [r.id]);
          sent++;
        } catch (err) {
          await client.query('UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [r.id, String((err as Error).message).slice(0, 500)]);
          this.log.warn({ err, id: r.id }, 'mail delivery failed');
        }
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    }
    return sent;
  }
}
