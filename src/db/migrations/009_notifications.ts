import { sqlMigration } from './types.js';

/**
 * The transactional outbox: a message is inserted in the same transaction as the business change,
 * and a dispatcher sends it later, exactly once per dedupe key.
 */
export default sqlMigration(
  '009_notifications',
  `
  create table notification_outbox (
    id integer generated always as identity primary key,
    channel text not null constraint notification_outbox__channel__known check (channel in ('email', 'sms')),
    recipient text not null constraint notification_outbox__recipient__not_blank check (btrim(recipient) <> ''),
    subject text,
    body_text text not null,
    body_html text,
    attachments jsonb not null default '[]'
      constraint notification_outbox__attachments__array check (jsonb_typeof(attachments) = 'array'),
    template text,
    dedupe_key text not null,
    entity_type text,
    entity_id integer,
    status text not null default 'pending'
      constraint notification_outbox__status__known check (status in ('pending', 'sent', 'failed')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error text,
    sent_at timestamptz,
    created_at timestamptz not null default now(),
    constraint notification_outbox__dedupe_key__unique unique (dedupe_key),
    constraint notification_outbox__subject__required_for_email check (channel <> 'email' or subject is not null),
    constraint notification_outbox__sent_at__required check ((status = 'sent') = (sent_at is not null))
  );
  create index notification_outbox__due on notification_outbox (next_attempt_at) where status = 'pending';
  create index notification_outbox__entity on notification_outbox (entity_type, entity_id);
  `,
  `drop table notification_outbox;`,
);
