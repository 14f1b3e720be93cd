import os from 'node:os';
import { Pool } from 'pg';
import { FeedbackAlreadyRecordedError, UnknownRequestIdError } from '../../live/live-monitor';
import { feedbackOutcome } from '../../live/feedback-outcome';
import type { PredictionRecord } from '../../live/records';
import type { FeedbackOutcome } from '../../monitoring-schemas';
import {
  MonitoringStoreUnavailableError,
  type FeedbackInput,
  type MonitoringStore,
  type MonitoringStoreStats,
} from '../monitoring-store';
import { migrate, SCHEMA } from './migrations';
import { PendingPredictions } from './pending-predictions';
import { SqlWindows, type FeedbackRow, type PredictionRow } from './sql-windows';

export interface PostgresMonitoringStoreOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  windowSize: number;
  feedbackWindowSize: number;
  /** Newest predictions kept (older ones are pruned; they can no longer get feedback). */
  keepPredictions: number;
  /** Predictions waiting for the database at most (the oldest dropped beyond). */
  pendingLimit?: number;
  /** Write pending predictions this often (ms). */
  flushMs?: number;
  /** Prune old rows this often (ms). */
  pruneMs?: number;
  /** How long feedback waits for a prediction another replica has not written yet (ms). */
  feedbackWaitMs?: number;
  /** This replica's name in the rows it writes (default: the host name, a container's id). */
  replica?: string;
  /** Called when a write or prune fails (once per failure streak for writes). */
  onError?: (err: Error, what: string) => void;
}

const BATCH = 500;
const MAX_VERSIONS = 10;

/**
 * The store replicas share (MONITORING_DATABASE_URL): every prediction is a
 * row, written in batches from a bounded queue so serving never waits for the
 * database (a database that is down costs dropped records, counted, never a
 * failed prediction); feedback for any replica's prediction is accepted by any
 * replica; the report reads the same rows everywhere. Old rows are pruned:
 * the newest keepPredictions predictions and feedbackWindowSize feedbacks per version stay.
 */
export class PostgresMonitoringStore implements MonitoringStore {
  private readonly pool: Pool;
  private readonly pending: PendingPredictions;
  private readonly replica: string;
  private written = 0;
  private flushing: Promise<void> | undefined;
  private failing = false;
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly options: PostgresMonitoringStoreOptions) {
    this.pool = new Pool({ connectionString: options.url, max: 4, connectionTimeoutMillis: 2000 });
    // an idle connection the server closed (a restart) must not crash the process
    this.pool.on('error', (err) => options.onError?.(err, 'idle connection'));
    this.pending = new PendingPredictions(options.pendingLimit ?? 10_000);
    this.replica = options.replica ?? os.hostname();
  }

  async open(): Promise<Record<string, number | string>> {
    const applied = await migrate(this.pool);
    const { rows } = await this.pool.query<{ count: string }>(`SELECT count(*) FROM ${SCHEMA}.predictions`);
    this.timers = [
      setInterval(() => void this.flush(), this.options.flushMs ?? 100),
      setInterval(() => void this.prune(), this.options.pruneMs ?? 60_000),
    ];
    for (const timer of this.timers) timer.unref();
    return {
      store: 'postgres',
      replica: this.replica,
      migrations_applied: applied.length,
      predictions: Number(rows[0].count),
    };
  }

  savePrediction(record: PredictionRecord): void {
    this.pending.push(record);
    if (this.pending.size >= BATCH) void this.flush();
  }

  async saveFeedback(feedback: FeedbackInput): Promise<FeedbackOutcome> {
    await this.flush();
    const prediction = await this.findPrediction(feedback.request_id);
    const outcome = feedbackOutcome(prediction, feedback);
    const inserted = await this.query(
      `INSERT INTO ${SCHEMA}.feedback
         (request_id, time, num_rings, model_version, predicted_class, true_class, correct, absolute_error)
       VALUES ($1, now(), $2, $3, $4, $5, $6, $7) ON CONFLICT (request_id) DO NOTHING`,
      [
        outcome.request_id,
        feedback.num_rings,
        outcome.model_version,
        outcome.predicted_class,
        outcome.true_class,
        outcome.correct,
        outcome.absolute_error,
      ],
    );
    if (inserted.rowCount === 0) throw new FeedbackAlreadyRecordedError(feedback.request_id);
    return outcome;
  }

  async windows(): Promise<SqlWindows> {
    await this.flush();
    const predictions = await this.query<PredictionRow>(
      `SELECT request_id, time, model_version, class, confidence, num_classes, stats
         FROM ${SCHEMA}.predictions ORDER BY time DESC, id DESC LIMIT $1`,
      [this.options.windowSize],
    );
    const feedback = await this.query<FeedbackRow>(
      `SELECT model_version, correct, absolute_error, first_id FROM (
         SELECT model_version, correct, absolute_error,
                row_number() OVER (PARTITION BY model_version ORDER BY id DESC) AS rank,
                min(id) OVER (PARTITION BY model_version) AS first_id
           FROM ${SCHEMA}.feedback) recent
        WHERE rank <= $1`,
      [this.options.feedbackWindowSize],
    );
    return new SqlWindows(this.options, predictions.rows.reverse(), feedback.rows, MAX_VERSIONS);
  }

  stats(): MonitoringStoreStats {
    return { written: this.written, dropped: this.pending.dropped };
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.flush();
    await this.pool.end();
  }

  /** Write what is pending now (one flush at a time; a failed batch goes back to the queue). */
  flush(): Promise<void> {
    this.flushing ??= this.writePending().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async writePending(): Promise<void> {
    while (this.pending.size > 0) {
      const batch = this.pending.take(BATCH);
      try {
        await this.insertPredictions(batch);
        this.written += batch.length;
        this.failing = false;
      } catch (err) {
        this.pending.putBack(batch);
        if (!this.failing) this.options.onError?.(err as Error, 'writing predictions');
        this.failing = true;
        return;
      }
    }
  }

  private insertPredictions(batch: PredictionRecord[]) {
    const column = <T>(pick: (r: PredictionRecord) => T) => batch.map(pick);
    return this.pool.query(
      `INSERT INTO ${SCHEMA}.predictions
         (request_id, time, model_version, class, confidence, num_classes, stats, replica)
       SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::int[], $5::float8[],
                            $6::int[], $7::jsonb[], $8::text[])
       ON CONFLICT (request_id) DO NOTHING`,
      [
        column((r) => r.request_id),
        column((r) => r.time),
        column((r) => r.model_version),
        column((r) => r.class),
        column((r) => r.confidence),
        column((r) => r.num_classes),
        column((r) => JSON.stringify(r.stats)),
        column(() => this.replica),
      ],
    );
  }

  /** The prediction feedback names; another replica may still hold it in its queue, so wait a little. */
  private async findPrediction(requestId: string) {
    const deadline = Date.now() + (this.options.feedbackWaitMs ?? 1000);
    for (;;) {
      const { rows } = await this.query<{ model_version: string; class: number; num_classes: number }>(
        `SELECT model_version, class, num_classes FROM ${SCHEMA}.predictions WHERE request_id = $1`,
        [requestId],
      );
      if (rows[0]) return rows[0];
      if (Date.now() > deadline) throw new UnknownRequestIdError(requestId, this.options.keepPredictions);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async prune(): Promise<void> {
    try {
      await this.pool.query(
        `DELETE FROM ${SCHEMA}.predictions WHERE id <=
           (SELECT id FROM ${SCHEMA}.predictions ORDER BY id DESC OFFSET $1 LIMIT 1)`,
        [this.options.keepPredictions],
      );
      await this.pool.query(
        `DELETE FROM ${SCHEMA}.feedback WHERE id IN (
           SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY model_version ORDER BY id DESC) AS rank
                             FROM ${SCHEMA}.feedback) ranked WHERE rank > $1)`,
        [this.options.feedbackWindowSize],
      );
    } catch (err) {
      this.options.onError?.(err as Error, 'pruning');
    }
  }

  private async query<R extends object = Record<string, unknown>>(sql: string, params: unknown[]) {
    try {
      return await this.pool.query<R>(sql, params);
    } catch (err) {
      throw new MonitoringStoreUnavailableError(err);
    }
  }
}
