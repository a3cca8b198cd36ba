import { sqlMigration } from './types.js';

/**
 * The audit trail (R-X-02): a hash chain of append-only events. The application role may insert and
 * read; updates, deletes and truncation are refused by privilege and, for any role, by trigger.
 */
export default sqlMigration(
  '010_audit',
  `
  create table audit_events (
    seq bigint primary key constraint audit_events__seq__positive check (seq > 0),
    occurred_at timestamptz not null,
    actor text not null constraint audit_events__actor__not_blank check (btrim(actor) <> ''),
    action text not null constraint audit_events__action__not_blank check (btrim(action) <> ''),
    entity_type text not null,
    entity_id text not null,
    before jsonb,
    after jsonb,
    process_instance_key bigint,
    document_code text
      constraint audit_events__document_code__format check (document_code ~ '^[A-Z]{2}-(FR|PR)-[0-9]{2}-[0-9]{2}-[0-9]{2}$'),
    prev_hash text not null constraint audit_events__prev_hash__format check (prev_hash ~ '^[0-9a-f]{64}$'),
    hash text not null constraint audit_events__hash__format check (hash ~ '^[0-9a-f]{64}$'),
    constraint audit_events__hash__unique unique (hash)
  );
  create index audit_events__entity on audit_events (entity_type, entity_id);
  create index audit_events__process_instance on audit_events (process_instance_key);

  -- The newest event, so that removing events from the end of the chain is detected too.
  create table audit_head (
    id boolean primary key default true constraint audit_head__id__single check (id),
    seq bigint not null,
    hash text not null
  );

  create function audit_events_append_only() returns trigger language plpgsql as $$
  begin
    raise exception 'audit events are append-only: % is not allowed', tg_op
      using errcode = 'insufficient_privilege';
  end $$;
  create trigger audit_events_no_update before update or delete on audit_events
    for each row execute function audit_events_append_only();
  create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_append_only();

  insert into audit_head (seq, hash) values (0, repeat('0', 64));

  revoke update, delete, truncate on audit_events from mcc_app;
  revoke delete, truncate on audit_head from mcc_app;
  `,
  `
  drop table audit_head;
  drop table audit_events;
  drop function audit_events_append_only();
  `,
);
