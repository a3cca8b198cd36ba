import knexFactory, { type Knex } from 'knex';
import pg from 'pg';

export type { Knex };

/** Schema of the business tables; the engine keeps its own (`engine`). */
export const BUSINESS_SCHEMA = 'mcc';
/**
 * The role the application writes as. It may insert audit events but never update or delete them
 * (R-X-02); migrations and seeds run as the connecting (owner) role.
 */
export const APP_ROLE = 'mcc_app';

// bigint stays a string (engine keys are 64-bit); numeric becomes a number (scores, percentages).
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// `date` columns are calendar days, not instants: keep them as 'YYYY-MM-DD'.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export interface ConnectOptions {
  /** `owner` for migrations and seeds; `app` for everything else. */
  readonly as: 'owner' | 'app';
  readonly poolMax?: number;
}

export function connect(url: string, options: ConnectOptions): Knex {
  return knexFactory({
    client: 'pg',
    connection: { connectionString: url, application_name: `eccim-mcc-${options.as}` },
    searchPath: [BUSINESS_SCHEMA, 'public'],
    pool: {
      min: 0,
      max: options.poolMax ?? 10,
      ...(options.as === 'app'
        ? {
            afterCreate: (conn: pg.Client, done: (err: Error | null, conn: pg.Client) => void) => {
              conn.query(`set role ${APP_ROLE}`).then(
                () => done(null, conn),
                (err: Error) => done(err, conn),
              );
            },
          }
        : {}),
    },
  });
}
