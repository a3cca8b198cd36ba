/**
 * Sends what the outbox holds.
 *
 * Delivery guarantee — at least once, marked sent exactly once:
 *
 * 1. Claim: one statement takes a small batch of due rows (`status = 'pending' and next_attempt_at
 *    <= now`, `FOR UPDATE SKIP LOCKED`), counts the attempt, and sets `next_attempt_at` to a lease
 *    (now + `leaseMs`). It commits at once, so no transaction or row lock is held while talking to
 *    SMTP or an SMS gateway, and no other dispatcher picks the rows up while the lease runs.
 * 2. Send, with a time-out shorter than the lease.
 * 3. Record: `status = 'sent', sent_at = now` where the row is still `pending` — so `sent_at` is
 *    written exactly once; or, on failure, `last_error` and the next attempt after an exponential
 *    back-off, `failed` after `maxAttempts` or at once for a permanent refusal. A failure is
 *    recorded only while our lease is still the row's (`next_attempt_at` = our lease), so a late
 *    dispatcher never overwrites another's claim.
 *
 * A message is never lost: until it is recorded as sent or failed, its row stays `pending` and
 * becomes due again when the lease ends. The price is that a crash (or a lost database connection)
 * between a successful send and step 3 sends that message once more after the lease: at-least-once
 * delivery, as every outbox relay has (anchors §2d). Receivers can recognise the repeat: the
 * e-mail carries the same Message-ID (derived from the outbox row), and SMS requests carry the row
 * id as the provider's local id. Holding the row lock during the send would not remove that window
 * (the commit after the send can still fail) and would tie up a connection per message in flight.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from './backoff.js';
import { systemClock, type Clock } from './clock.js';
import { DeliveryError } from './errors.js';
import type { EmailTransport } from './mail-transport.js';
import { OUTBOX_TABLE, type StoredAttachment } from './outbox.js';
import type { SmsProvider } from './sms.js';

/** A row of `notification_outbox` as the dispatcher reads it. */
export interface OutboxRow {
  readonly id: number;
  readonly channel: 'email' | 'sms';
  readonly recipient: string;
  readonly subject: string | null;
  readonly body_text: string;
  readonly body_html: string | null;
  readonly attachments: StoredAttachment[];
  readonly template: string | null;
  readonly dedupe_key: string;
  readonly entity_type: string | null;
  readonly entity_id: number | null;
  readonly status: 'pending' | 'sent' | 'failed';
  readonly attempts: number;
  readonly next_attempt_at: Date;
  readonly last_error: string | null;
  readonly sent_at: Date | null;
  readonly created_at: Date;
}

export interface DispatcherOptions {
  /** The application connection (`connect(url, { as: 'app' })`). */
  readonly db: Knex;
  readonly logger: Logger;
  /** Required if e-mails are queued; rows of a channel without a transport fail and are retried. */
  readonly email?: EmailTransport;
  readonly sms?: SmsProvider;
  readonly clock?: Clock;
  /** Rows claimed at a time (default 10). */
  readonly batchSize?: number;
  /** Attempts before a message is `failed` (default 8). */
  readonly maxAttempts?: number;
  readonly backoff?: Partial<BackoffPolicy>;
  /** How long a claimed row is ours (default 2 min); must exceed `sendTimeoutMs`. */
  readonly leaseMs?: number;
  /** One send may take this long before it counts as failed (default 60 s). */
  readonly sendTimeoutMs?: number;
  /** Source of the jitter, 0 ≤ x < 1 (default Math.random). */
  readonly random?: () => number;
}

export interface DispatchSummary {
  /** Rows claimed (each is one attempt). */
  readonly attempted: number;
  readonly sent: number;
  /** Failed this time, to be tried again later. */
  readonly retrying: number;
  /** Given up on: permanent refusal or out of attempts. */
  readonly failed: number;
}

type Outcome = 'sent' | 'retrying' | 'failed';

const MAX_ERROR_LENGTH = 2000;

function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as Error & { code?: unknown; responseCode?: unknown };
  const details = [e.code, e.responseCode].filter((x) => x !== undefined && x !== null).join(' ');
  return (details ? `${e.message} [${details}]` : e.message).slice(0, MAX_ERROR_LENGTH);
}

export class NotificationDispatcher {
  private readonly db: Knex;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly backoff: BackoffPolicy;
  private readonly leaseMs: number;
  private readonly sendTimeoutMs: number;
  private readonly random: () => number;
  private timer: NodeJS.Timeout | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly options: DispatcherOptions) {
    this.db = options.db;
    this.log = options.logger.child({ component: 'notify-dispatcher' });
    this.clock = options.clock ?? systemClock;
    this.batchSize = options.batchSize ?? 10;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.sendTimeoutMs = options.sendTimeoutMs ?? 60_000;
    this.leaseMs = options.leaseMs ?? Math.max(120_000, this.sendTimeoutMs * 2);
    this.random = options.random ?? Math.random;
    if (!(this.leaseMs > this.sendTimeoutMs)) {
      throw new RangeError(
        `leaseMs (${this.leaseMs}) must be longer than sendTimeoutMs (${this.sendTimeoutMs})`,
      );
    }
    if (!(this.batchSize >= 1 && this.maxAttempts >= 1))
      throw new RangeError('batchSize and maxAttempts must be ≥ 1');
  }

  /** Sends everything due now, batch by batch, and says what happened. */
  async runOnce(): Promise<DispatchSummary> {
    const totals = { attempted: 0, sent: 0, retrying: 0, failed: 0 };
    for (;;) {
      const { rows, lease } = await this.claim();
      if (rows.length === 0) return totals;
      // allSettled: one row whose outcome cannot be recorded (database gone) does not abandon the
      // others of the batch. An unrecorded row keeps its lease and comes back when it ends.
      const settled = await Promise.allSettled(rows.map((row) => this.deliver(row, lease)));
      totals.attempted += rows.length;
      for (const s of settled) if (s.status === 'fulfilled') totals[s.value] += 1;
      const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failure) throw failure.reason;
    }
  }

  /** Runs `runOnce` now and then every `intervalMs` until `stop()`. */
  start(intervalMs = 5_000): void {
    if (this.loop) return;
    this.stopping = false;
    const tick = async (): Promise<void> => {
      try {
        const summary = await this.runOnce();
        if (summary.attempted > 0) this.log.info(summary, 'notifications dispatched');
      } catch (err) {
        this.log.error({ err }, 'notification dispatch failed; will try again');
      }
      if (!this.stopping) {
        this.timer = setTimeout(() => {
          this.loop = tick();
        }, intervalMs);
      }
    };
    this.loop = tick();
  }

  /** Stops the loop and waits for the run in progress to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.loop;
    this.loop = undefined;
  }

  private async claim(): Promise<{ rows: OutboxRow[]; lease: Date }> {
    const now = this.clock.now();
    const lease = new Date(now.getTime() + this.leaseMs);
    const result = (await this.db.raw(
      `with due as (
         select id from ${OUTBOX_TABLE}
         where status = 'pending' and next_attempt_at <= ?
         order by next_attempt_at, id
         limit ?
         for update skip locked
       )
       update ${OUTBOX_TABLE} o
       set next_attempt_at = ?, attempts = o.attempts + 1
       from due
       where o.id = due.id
       returning o.*`,
      [now, this.batchSize, lease],
    )) as { rows: OutboxRow[] };
    return { rows: result.rows, lease };
  }

  private async deliver(row: OutboxRow, lease: Date): Promise<Outcome> {
    const log = this.log.child({
      outboxId: row.id,
      channel: row.channel,
      template: row.template,
      attempt: row.attempts,
    });
    if (row.attempts > this.maxAttempts) {
      // Earlier attempts were cut short (the process stopped mid-send): do not try for ever.
      return this.recordFailure(row, lease, new DeliveryError('no attempts left', true), log);
    }
    let providerId: string;
    try {
      providerId = await this.send(row);
    } catch (err) {
      return this.recordFailure(row, lease, err, log);
    }
    const marked = await this.db(OUTBOX_TABLE)
      .where({ id: row.id, status: 'pending' })
      .update({ status: 'sent', sent_at: this.clock.now() }, ['id']);
    if (marked.length === 0) {
      log.warn(
        { providerId },
        'sent, but another dispatcher had already recorded this message as sent (our lease ran out): it went out twice',
      );
    } else {
      log.info({ providerId }, 'notification sent');
    }
    return 'sent';
  }

  private async send(row: OutboxRow): Promise<string> {
    const signal = AbortSignal.timeout(this.sendTimeoutMs);
    if (row.channel === 'email') {
      if (!this.options.email) throw new Error('no e-mail transport is configured');
      if (row.subject === null) throw new DeliveryError('an e-mail row without a subject', true);
      const info = await this.options.email.send(
        {
          outboxId: row.id,
          dedupeKey: row.dedupe_key,
          to: row.recipient,
          subject: row.subject,
          text: row.body_text,
          html: row.body_html,
          attachments: row.attachments,
        },
        { signal },
      );
      return info.messageId;
    }
    if (!this.options.sms) throw new Error('no SMS provider is configured');
    const result = await this.options.sms.send(
      { to: row.recipient, text: row.body_text, reference: String(row.id) },
      { signal },
    );
    return result.providerMessageId;
  }

  private async recordFailure(row: OutboxRow, lease: Date, err: unknown, log: Logger): Promise<Outcome> {
    const permanent = err instanceof DeliveryError && err.permanent;
    const giveUp = permanent || row.attempts >= this.maxAttempts;
    const error = describeError(err);
    const next = new Date(this.clock.now().getTime() + retryDelayMs(row.attempts, this.backoff, this.random));
    const updated = await this.db(OUTBOX_TABLE)
      .where({ id: row.id, status: 'pending', next_attempt_at: lease })
      .update(
        giveUp ? { status: 'failed', last_error: error } : { last_error: error, next_attempt_at: next },
        ['id'],
      );
    if (updated.length === 0) {
      log.warn({ error }, 'delivery failed after our lease ran out; the message is in other hands');
      return giveUp ? 'failed' : 'retrying';
    }
    if (giveUp) {
      log.error({ error, permanent }, `notification failed for good after ${row.attempts} attempt(s)`);
      return 'failed';
    }
    log.warn({ error, nextAttemptAt: next }, 'notification not sent; will retry');
    return 'retrying';
  }
}
