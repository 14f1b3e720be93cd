// The shared monitoring store's schema, as numbered migrations applied in order
// at start-up. Every replica runs migrate(); an advisory lock makes the first
// one do the work and the others wait, then find nothing left to do. Add a
// migration at the end, never edit an applied one.
import type { Pool } from 'pg';

/** The schema every table lives in (a database may be shared with MLflow). */
export const SCHEMA = 'ring_monitoring';

/** Key of the advisory lock migrations hold (any constant unique to this app). */
const MIGRATION_LOCK = 7_284_190_011;

export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    // feedback copies what it needs of its prediction, so pruning old predictions keeps live accuracy
    version: 1,
    name: 'predictions and feedback',
    sql: `
      CREATE TABLE ${SCHEMA}.predictions (
        id            bigserial PRIMARY KEY,
        request_id    text NOT NULL UNIQUE,
        time          timestamptz NOT NULL,
        model_version text NOT NULL,
        class         integer NOT NULL,
        confidence    double precision NOT NULL,
        num_classes   integer NOT NULL,
        stats         jsonb NOT NULL,
        replica       text NOT NULL
      );
      CREATE INDEX predictions_time ON ${SCHEMA}.predictions (time);
      CREATE TABLE ${SCHEMA}.feedback (
        id              bigserial PRIMARY KEY,
        request_id      text NOT NULL UNIQUE,
        time            timestamptz NOT NULL,
        num_rings       integer NOT NULL,
        model_version   text NOT NULL,
        predicted_class integer NOT NULL,
        true_class      integer NOT NULL,
        correct         boolean NOT NULL,
        absolute_error  integer NOT NULL
      );
      CREATE INDEX feedback_version ON ${SCHEMA}.feedback (model_version, id);`,
  },
];

/** Apply the migrations this database lacks; returns the versions applied now. */
export async function migrate(pool: Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${SCHEMA}.schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number }>(
      `SELECT version FROM ${SCHEMA}.schema_migrations`,
    );
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${SCHEMA}.schema_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
