import { sqlMigration } from './types.js';

/**
 * Sessions of the staff web app. The id is the SHA-256 (hex) of the random token in the cookie, so
 * a leaked table does not hand out sessions; the CSRF token is sent back in a header on every change.
 */
export default sqlMigration(
  '012_web_sessions',
  `
  create table web_sessions (
    id text primary key constraint web_sessions__id__sha256_hex check (id ~ '^[0-9a-f]{64}$'),
    staff_id integer not null references staff (id) on delete cascade,
    csrf_token text not null constraint web_sessions__csrf_token__format check (csrf_token ~ '^[0-9a-f]{64}$'),
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    expires_at timestamptz not null,
    user_agent text,
    ip text,
    constraint web_sessions__expires_at__after_creation check (expires_at > created_at)
  );
  create index web_sessions__staff_id on web_sessions (staff_id);
  create index web_sessions__expires_at on web_sessions (expires_at);
  `,
  `
  drop table web_sessions;
  `,
);
