import type { Knex } from 'knex';

/**
 * "Overdue" as the register and the dossier show it, in SQL over `complaints` aliased `alias`: the case is
 * still open (not closed, not withdrawn) and a deadline of R-ISO-02 has passed unmet — the response
 * deadline without a first response (the handler's report), or the resolution deadline without the result
 * communicated to the member. Never null: a case without deadlines is not overdue.
 */
export function overdueSql(db: Knex, now: Date, alias = 'c'): Knex.Raw {
  return db.raw(
    `coalesce(${alias}.status not in ('closed', 'withdrawn') and (
        (${alias}.response_due_at < ? and ${alias}.first_response_at is null)
        or (${alias}.resolution_due_at < ? and ${alias}.result_communicated_at is null)), false)`,
    [now, now],
  );
}
