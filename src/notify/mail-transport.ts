/**
 * E-mail over SMTP with nodemailer: one pooled transporter for the process (domain.md §6), built
 * from `SMTP_URL` (`smtp://user:pass@host:port`, `smtps://…` for implicit TLS; nodemailer's query
 * options such as `?requireTLS=true` pass through).
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { DeliveryError } from './errors.js';
import type { StoredAttachment } from './outbox.js';

/** One e-mail as the dispatcher hands it over. */
export interface OutgoingEmail {
  readonly outboxId: number;
  readonly dedupeKey: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
  readonly attachments: readonly StoredAttachment[];
}

export interface EmailTransport {
  /** Resolves once the server has accepted the message; a DeliveryError says whether to retry. */
  send(mail: OutgoingEmail, options?: { signal?: AbortSignal }): Promise<{ messageId: string }>;
  close(): Promise<void>;
}

export interface MailTransportOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`. */
  readonly smtpUrl: string;
  /** The From address: `"مرکز ارتباط با اعضا" <crm@eccim.ir>` or a bare address. */
  readonly from: string;
  readonly replyTo?: string;
  /** Pooled connections (default 5) and messages per connection (default 100). */
  readonly maxConnections?: number;
  readonly maxMessages?: number;
  /** Connect, greeting and socket time-outs in ms (default 10 s, 10 s, 30 s). */
  readonly connectionTimeoutMs?: number;
  readonly greetingTimeoutMs?: number;
  readonly socketTimeoutMs?: number;
  readonly logger?: Logger;
}

/** `smtp://user:pass@host:port` → its parts; throws a readable error for anything else. */
export function parseSmtpUrl(smtpUrl: string): {
  secure: boolean;
  host: string;
  port: number;
  user?: string;
} {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new RangeError('SMTP_URL must be a URL such as smtp://user:password@mail.example.ir:587');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new RangeError(`SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  }
  if (!url.hostname) throw new RangeError('SMTP_URL has no host');
  const secure = url.protocol === 'smtps:';
  return {
    secure,
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
  };
}

/** The domain of the From address, for Message-IDs. */
function domainOf(from: string): string {
  const m = /@([^\s>@]+)>?\s*$/.exec(from);
  if (!m?.[1]) throw new RangeError(`MAIL_FROM must contain an e-mail address: ${from}`);
  return m[1];
}

/**
 * A Message-ID that depends only on the outbox row, so a message sent again after a crash is the
 * same message to the receiving side (mail stores drop or thread duplicates by Message-ID).
 */
export function messageIdFor(mail: Pick<OutgoingEmail, 'outboxId' | 'dedupeKey'>, domain: string): string {
  const hash = createHash('sha256').update(mail.dedupeKey).digest('hex').slice(0, 16);
  return `<mcc.outbox.${mail.outboxId}.${hash}@${domain}>`;
}

/** Connection problems and 4xx replies are worth retrying; a 5xx refusal of the message is not. */
export function toDeliveryError(err: unknown): DeliveryError {
  const e = err as Error & { code?: string; responseCode?: number; response?: string };
  const code = e?.code;
  const responseCode = typeof e?.responseCode === 'number' ? e.responseCode : undefined;
  const permanent =
    responseCode !== undefined && responseCode >= 500 && (code === 'EENVELOPE' || code === 'EMESSAGE');
  const reply = e?.response ? ` — server said: ${e.response}` : '';
  const detail = [code, responseCode].filter((x) => x !== undefined).join(' ');
  return new DeliveryError(
    `SMTP ${permanent ? 'refused' : 'failed'}: ${e?.message ?? String(err)}${detail ? ` [${detail}]` : ''}${reply}`,
    permanent,
    { cause: err },
  );
}

export function createMailTransport(options: MailTransportOptions): EmailTransport {
  parseSmtpUrl(options.smtpUrl); // validates
  const domain = domainOf(options.from);
  const transporter = nodemailer.createTransport(
    {
      pool: true,
      url: options.smtpUrl,
      maxConnections: options.maxConnections ?? 5,
      maxMessages: options.maxMessages ?? 100,
      connectionTimeout: options.connectionTimeoutMs ?? 10_000,
      greetingTimeout: options.greetingTimeoutMs ?? 10_000,
      socketTimeout: options.socketTimeoutMs ?? 30_000,
      // Let the pool give a request its error at once when the server is unreachable.
      maxRequeues: 1,
    },
    { from: options.from, ...(options.replyTo ? { replyTo: options.replyTo } : {}) },
  );
  const log = options.logger?.child({ component: 'mail-transport' });

  return {
    async send(mail, sendOptions) {
      try {
        const info = await transporter.sendMail({
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html ? { html: mail.html } : {}),
          messageId: messageIdFor(mail, domain),
          headers: { 'X-MCC-Outbox-Id': String(mail.outboxId), 'Auto-Submitted': 'auto-generated' },
          attachments: mail.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.content, 'base64'),
          })),
          ...(sendOptions?.signal ? { signal: sendOptions.signal } : {}),
        });
        log?.debug({ messageId: info.messageId, outboxId: mail.outboxId }, 'SMTP accepted the message');
        return { messageId: info.messageId };
      } catch (err) {
        throw toDeliveryError(err);
      }
    },
    async close() {
      transporter.close();
    },
  };
}
