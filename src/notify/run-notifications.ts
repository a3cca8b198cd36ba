/**
 * Wires the notification side for `npm start`: an SMTP transport (or, without SMTP_URL, the
 * in-process catcher), an SMS provider, and a dispatcher polling the outbox.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import { NotificationDispatcher } from './dispatcher.js';
import { createMailTransport } from './mail-transport.js';
import { startSmtpCatcher, type SmtpCatcher } from './smtp-catcher.js';
import { KavenegarSmsProvider, LoggingSmsProvider, type SmsProvider } from './sms.js';

export interface NotificationsConfig {
  /** `smtp://user:pass@host:port`; unset → an in-process catcher on 127.0.0.1 keeps the mail. */
  readonly smtpUrl: string | undefined;
  /** The From of every e-mail. */
  readonly mailFrom: string;
  readonly sms:
    | { readonly provider: 'log' }
    | { readonly provider: 'kavenegar'; readonly apiKey: string; readonly sender?: string };
  /** How often the outbox is polled (default 5 s). */
  readonly pollIntervalMs?: number;
  /** Where the in-process catcher keeps what it caught, for `npm run cli -- mails`. */
  readonly caughtMailDir?: string;
}

export interface RunningNotifications {
  /** Where mail goes: SMTP_URL, or the catcher's URL. */
  readonly smtpUrl: string;
  /** Set when no SMTP_URL was given. */
  readonly catcher: SmtpCatcher | undefined;
  readonly sms: SmsProvider;
  readonly dispatcher: NotificationDispatcher;
  stop(): Promise<void>;
}

export const DEFAULT_MAIL_FROM = '"مرکز ارتباط با اعضا - اتاق بازرگانی اصفهان" <no-reply@eccim.ir>';

export async function runNotifications(options: {
  readonly db: Knex;
  readonly config: NotificationsConfig;
  readonly logger: Logger;
  readonly clock?: Clock;
}): Promise<RunningNotifications> {
  const { config, logger } = options;
  const catcher = config.smtpUrl
    ? undefined
    : await startSmtpCatcher({ logger, ...(config.caughtMailDir ? { saveDir: config.caughtMailDir } : {}) });
  const smtpUrl = config.smtpUrl ?? (catcher as SmtpCatcher).url;
  const email = createMailTransport({ smtpUrl, from: config.mailFrom, logger });
  const sms: SmsProvider =
    config.sms.provider === 'kavenegar'
      ? new KavenegarSmsProvider({
          apiKey: config.sms.apiKey,
          ...(config.sms.sender ? { sender: config.sms.sender } : {}),
          logger,
        })
      : new LoggingSmsProvider(logger);
  const dispatcher = new NotificationDispatcher({
    db: options.db,
    logger,
    email,
    sms,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  dispatcher.start(config.pollIntervalMs ?? 5_000);
  logger.info(
    { smtp: catcher ? catcher.url : 'SMTP_URL', sms: sms.name },
    catcher ? `no SMTP_URL: e-mail is caught in-process at ${catcher.url}` : 'e-mail goes to SMTP_URL',
  );
  return {
    smtpUrl,
    catcher,
    sms,
    dispatcher,
    async stop() {
      await dispatcher.stop();
      await email.close();
      await catcher?.close();
    },
  };
}
