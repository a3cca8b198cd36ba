/**
 * The transactional outbox (anchors §2d): a message is rendered and inserted into
 * `notification_outbox` inside the caller's transaction, so the business change and the message
 * commit or roll back together. The dispatcher sends it afterwards.
 */
import type { Knex } from 'knex';
import { z } from 'zod';
import { NotificationInputError } from './errors.js';
import { normaliseIranianMobile } from './phone-number.js';
import { issuesOf, renderEmail, renderSms } from './render.js';
import { orRequired, type TemplateData, type TemplateName } from './templates/registry.js';

export const OUTBOX_TABLE = 'notification_outbox';

/** An attachment as stored in the `attachments` jsonb column. */
export interface StoredAttachment {
  readonly filename: string;
  readonly contentType: string;
  /** The bytes, base64. */
  readonly content: string;
}

export interface AttachmentInput {
  readonly filename: string;
  readonly contentType: string;
  /** Bytes, or text (stored as UTF-8). */
  readonly content: Uint8Array | string;
}

interface CommonInput {
  /**
   * Unique per business event and recipient, e.g. `complaint:42:acknowledgement:email`. A second
   * enqueue with the same key inserts nothing: the event is notified once however often the
   * code that raises it runs (job retries, double clicks).
   */
  readonly dedupeKey: string;
  /** The business record the message is about, for lookup and audit. */
  readonly entityType?: string;
  readonly entityId?: number;
  /** Not sent before this instant (e.g. a reminder); default: as soon as the dispatcher runs. */
  readonly notBefore?: Date;
}

export interface EnqueueEmailInput<N extends TemplateName = TemplateName> extends CommonInput {
  readonly to: string;
  readonly template: N;
  readonly data: TemplateData<N>;
  /** Replaces the template's own subject. */
  readonly subject?: string;
  readonly attachments?: readonly AttachmentInput[];
}

export type EnqueueSmsInput<N extends TemplateName = TemplateName> = CommonInput & {
  /** An Iranian mobile number in any usual form; stored as 09xxxxxxxxx. */
  readonly to: string;
} & ({ readonly template: N; readonly data: TemplateData<N> } | { readonly text: string });

export interface EnqueueResult {
  /** `duplicate`: a message with this dedupe key already exists; nothing was inserted. */
  readonly status: 'enqueued' | 'duplicate';
  /** The outbox row: the new one, or the one that already had the key. */
  readonly id: number;
}

const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const commonSchema = {
  dedupeKey: z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters'),
  entityType: z.string().trim().min(1, 'must not be empty').max(100).optional(),
  entityId: z
    .number()
    .int('must be a whole number')
    .positive('must be positive')
    .max(2_147_483_647, 'must fit the integer column')
    .optional(),
  notBefore: z.date({ error: 'must be a Date' }).optional(),
};

const emailEnvelope = z.object({
  to: z.email({ error: orRequired('must be an e-mail address') }),
  template: z.string().min(1, 'must name a template'),
  subject: z.string().trim().min(1, 'must not be empty').max(300).optional(),
  attachments: z
    .array(
      z.object({
        filename: z.string().trim().min(1, 'must not be empty').max(200),
        contentType: z
          .string()
          .regex(/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/, 'must be a MIME type such as text/calendar'),
        content: z.union([z.string(), z.instanceof(Uint8Array)], { error: 'must be bytes or text' }),
      }),
    )
    .optional(),
  ...commonSchema,
});

const smsEnvelope = z.object({
  to: z.string({ error: orRequired('must be a mobile number') }),
  template: z.string().min(1, 'must name a template').optional(),
  text: z.string().trim().min(1, 'must not be empty').max(1000).optional(),
  ...commonSchema,
});

function parseEnvelope<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input, {
    error: (issue) => (issue.input === undefined ? 'is required' : undefined),
  });
  if (!parsed.success) throw new NotificationInputError(issuesOf(parsed.error, ''));
  return parsed.data;
}

function assertTransaction(trx: Knex.Transaction): void {
  if (!trx?.isTransaction) {
    throw new TypeError(
      'enqueue needs the knex transaction of the business change (db.transaction(trx => …)), so both commit together',
    );
  }
}

function storeAttachment(
  a: AttachmentInput | { filename: string; contentType: string; content: string | Uint8Array },
) {
  const bytes = typeof a.content === 'string' ? Buffer.from(a.content, 'utf8') : Buffer.from(a.content);
  return {
    filename: a.filename,
    contentType: a.contentType,
    content: bytes.toString('base64'),
    size: bytes.length,
  };
}

async function insertRow(trx: Knex.Transaction, row: Record<string, unknown>): Promise<EnqueueResult> {
  const inserted = (await trx(OUTBOX_TABLE)
    .insert(row)
    .onConflict('dedupe_key')
    .ignore()
    .returning('id')) as {
    id: number;
  }[];
  const id = inserted[0]?.id;
  if (id !== undefined) return { status: 'enqueued', id };
  // The key exists (an insert racing ours has committed: ON CONFLICT waited for it).
  const existing = (await trx(OUTBOX_TABLE).where({ dedupe_key: row.dedupe_key }).first('id')) as
    { id: number } | undefined;
  if (!existing) throw new Error(`outbox: dedupe key ${String(row.dedupe_key)} conflicted but no row has it`);
  return { status: 'duplicate', id: existing.id };
}

function commonColumns(input: z.output<typeof emailEnvelope> | z.output<typeof smsEnvelope>) {
  return {
    dedupe_key: input.dedupeKey,
    entity_type: input.entityType ?? null,
    entity_id: input.entityId ?? null,
    ...(input.notBefore ? { next_attempt_at: input.notBefore } : {}),
  };
}

/**
 * Renders the template and queues the e-mail in `trx`, the transaction of the business change.
 * Unknown template, missing or malformed data → NotificationInputError naming each field; the
 * caller's transaction is left usable (nothing was sent to the database).
 */
export async function enqueueEmail<N extends TemplateName>(
  trx: Knex.Transaction,
  input: EnqueueEmailInput<N>,
): Promise<EnqueueResult> {
  assertTransaction(trx);
  const envelope = parseEnvelope(emailEnvelope, input);
  const rendered = renderEmail(envelope.template, input.data, { to: envelope.to, now: new Date() });
  const attachments = [...rendered.attachments, ...(envelope.attachments ?? [])].map(storeAttachment);
  const total = attachments.reduce((sum, a) => sum + a.size, 0);
  if (total > MAX_ATTACHMENT_BYTES) {
    throw new NotificationInputError(
      [
        {
          field: 'attachments',
          message: `total ${total} bytes is over the limit of ${MAX_ATTACHMENT_BYTES}`,
        },
      ],
      rendered.template,
    );
  }
  return insertRow(trx, {
    channel: 'email',
    recipient: envelope.to,
    subject: envelope.subject ?? rendered.subject,
    body_text: rendered.text,
    body_html: rendered.html,
    attachments: JSON.stringify(attachments.map(({ size: _size, ...a }): StoredAttachment => a)),
    template: rendered.template,
    ...commonColumns(envelope),
  });
}

/**
 * Queues an SMS in `trx`: the SMS form of a template, or a given text. The number is normalised
 * to 09xxxxxxxxx; one that is not an Iranian mobile is a NotificationInputError on `to`.
 */
export async function enqueueSms<N extends TemplateName>(
  trx: Knex.Transaction,
  input: EnqueueSmsInput<N>,
): Promise<EnqueueResult> {
  assertTransaction(trx);
  const envelope = parseEnvelope(smsEnvelope, input);
  const to = normaliseIranianMobile(envelope.to, 'to');
  if ((envelope.template === undefined) === (envelope.text === undefined)) {
    throw new NotificationInputError([
      { field: 'template', message: 'give either a template with data, or a text' },
    ]);
  }
  const text =
    envelope.template !== undefined
      ? renderSms(envelope.template, (input as { data?: unknown }).data, { to, now: new Date() })
      : (envelope.text as string);
  return insertRow(trx, {
    channel: 'sms',
    recipient: to,
    subject: null,
    body_text: text,
    body_html: null,
    template: envelope.template ?? null,
    ...commonColumns(envelope),
  });
}
