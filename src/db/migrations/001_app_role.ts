import { sqlMigration } from './types.js';

// The schema itself is made by the migrator before any migration runs (its bookkeeping table lives
// there); this grants the application role what it needs on everything created after it.
export default sqlMigration(
  '001_app_role',
  `
  do $$ begin
    create role mcc_app nologin;
  exception when duplicate_object or unique_violation then null;
  end $$;
  do $$ begin
    execute format('grant mcc_app to %I', current_user);
  exception when others then null; -- superusers need no membership to set role
  end $$;
  grant usage on schema mcc to mcc_app;
  alter default privileges in schema mcc grant select, insert, update, delete on tables to mcc_app;
  alter default privileges in schema mcc grant usage, select on sequences to mcc_app;

  create function mcc.touch_updated_at() returns trigger language plpgsql as $$
  begin
    new.updated_at := now();
    return new;
  end $$;
  `,
  `
  drop function mcc.touch_updated_at();
  alter default privileges in schema mcc revoke select, insert, update, delete on tables from mcc_app;
  alter default privileges in schema mcc revoke usage, select on sequences from mcc_app;
  revoke usage on schema mcc from mcc_app;
  `,
);
