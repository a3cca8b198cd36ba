/**
 * An SMTP server inside the process that accepts every message, without authentication, and keeps
 * it in memory, parsed (DESIGN §3: Mailpit is not installable here). `npm start` runs it when no
 * SMTP_URL is set; tests send real mail to it over real sockets. Listens on 127.0.0.1 only.
 */
import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import type { Logger } from 'pino';
import { SMTPServer } from 'smtp-server';

export interface CaughtAttachment {
  readonly filename: string | undefined;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface CaughtMail {
  /** 1, 2, … in the order the messages arrived. */
  readonly seq: number;
  readonly receivedAt: Date;
  /** SMTP envelope: MAIL FROM and RCPT TO. */
  readonly envelope: { readonly from: string | null; readonly to: readonly string[] };
  /** The From header's address. */
  readonly from: string | undefined;
  /** The To header's addresses. */
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string | undefined;
  readonly attachments: readonly CaughtAttachment[];
  readonly date: Date | undefined;
  readonly messageId: string | undefined;
  readonly headers: ReadonlyMap<string, unknown>;
  /** The user name given with AUTH, if the client authenticated. */
  readonly authUser: string | undefined;
  readonly raw: Buffer;
}

export interface SmtpCatcherOptions {
  /** Default 0: a free port. */
  readonly port?: number;
  readonly logger?: Logger;
  /** Answer RCPT TO with 550 for these recipients: to test permanent refusals. */
  readonly rejectRecipient?: (address: string) => boolean;
  /** Also keep each message as `<time>-<seq>.eml` here, so other processes (the CLI) can read it. */
  readonly saveDir?: string;
}

export interface SmtpCatcher {
  /** `smtp://127.0.0.1:<port>`: usable as SMTP_URL. */
  readonly url: string;
  readonly port: number;
  list(): CaughtMail[];
  clear(): void;
  /** The first caught message that matches, waiting up to `timeoutMs` for one to arrive. */
  waitFor(predicate: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);
}

export async function startSmtpCatcher(options: SmtpCatcherOptions = {}): Promise<SmtpCatcher> {
  const caught: CaughtMail[] = [];
  const waiters = new Set<{ predicate: (m: CaughtMail) => boolean; resolve: (m: CaughtMail) => void }>();
  const log = options.logger?.child({ component: 'smtp-catcher' });
  let seq = 0;

  const server = new SMTPServer({
    logger: false,
    secure: false,
    // A local catcher offers no TLS: clients then speak plain SMTP without a certificate to trust.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    disableReverseLookup: true,
    size: 25 * 1024 * 1024,
    closeTimeout: 100,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipient?.(address.address)) {
        const err = new Error(`<${address.address}>: mailbox unavailable`) as Error & {
          responseCode: number;
        };
        err.responseCode = 550;
        callback(err);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (err: Error) => callback(err));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            const mail: CaughtMail = {
              seq: ++seq,
              receivedAt: new Date(),
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              from: addresses(parsed.from)[0],
              to: addresses(parsed.to),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : undefined,
              attachments: parsed.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                content: a.content,
              })),
              date: parsed.date,
              messageId: parsed.messageId,
              headers: parsed.headers,
              authUser: typeof session.user === 'string' ? session.user : undefined,
              raw,
            };
            caught.push(mail);
            if (options.saveDir) {
              const file = path.join(
                options.saveDir,
                `${mail.receivedAt.toISOString().replace(/[:.]/g, '-')}-${mail.seq}.eml`,
              );
              fs.mkdir(options.saveDir, { recursive: true })
                .then(() => fs.writeFile(file, raw))
                .catch((err: unknown) =>
                  log?.warn({ err, file }, 'could not keep the caught e-mail on disk'),
                );
            }
            log?.info({ seq: mail.seq, to: mail.envelope.to, subject: mail.subject }, 'caught an e-mail');
            for (const w of waiters) {
              if (w.predicate(mail)) {
                waiters.delete(w);
                w.resolve(mail);
              }
            }
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err: Error) => log?.warn({ err }, 'smtp catcher connection error'));
  const port = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://${HOST}:${port}`,
    port,
    list: () => [...caught],
    clear: () => {
      caught.length = 0;
    },
    waitFor(predicate, timeoutMs = 5_000) {
      const found = caught.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<CaughtMail>((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (m: CaughtMail) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching e-mail within ${timeoutMs} ms (${caught.length} caught)`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
