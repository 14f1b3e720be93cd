// Progress for long runs: a redrawn bar on a terminal, plain or JSON log lines
// otherwise (CI logs, pipes), throttled so reporting never costs throughput.

/** How progress and the summary are written: `auto` picks `bar` on a TTY, else `plain`. */
export type LogFormat = 'auto' | 'bar' | 'plain' | 'json';

/** A snapshot a long-running library function reports. */
export interface ProgressEvent {
  /** Units done so far (records, molecules). */
  done: number;
  /** Fraction done in [0, 1] when known (e.g. bytes of input consumed). */
  fraction?: number;
}

export interface ProgressReporter {
  update(event: ProgressEvent): void;
  /** Clears the bar; call before printing the summary. */
  stop(): void;
  /** Writes one informational line in the chosen format. */
  log(message: string, fields?: Record<string, unknown>): void;
}

interface Writable {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

const BAR_WIDTH = 28;

/** Creates a reporter writing to `stream` (stderr by default) for `unit`s of work. */
export function createProgress(
  label: string,
  unit: string,
  format: LogFormat,
  stream: Writable = process.stderr,
) {
  const mode = format === 'auto' ? (stream.isTTY ? 'bar' : 'plain') : format;
  const started = Date.now();
  const interval = mode === 'bar' ? 100 : 2000;
  let last = 0;
  let drawn = false;

  const rate = (done: number) => Math.round(done / Math.max((Date.now() - started) / 1000, 1e-3));
  const percent = (fraction?: number) => (fraction === undefined ? '' : `${Math.floor(fraction * 100)}%`);

  const reporter: ProgressReporter = {
    update({ done, fraction }) {
      const now = Date.now();
      if (now - last < interval) return;
      last = now;
      if (mode === 'bar') {
        const filled = Math.round((fraction ?? 0) * BAR_WIDTH);
        const bar = '#'.repeat(filled) + '-'.repeat(BAR_WIDTH - filled);
        stream.write(
          `\r${label} [${bar}] ${percent(fraction)} ${done} ${unit} ${rate(done)} ${unit}/s \x1b[K`,
        );
        drawn = true;
      } else {
        reporter.log(`${label}: ${done} ${unit} ${percent(fraction)} (${rate(done)} ${unit}/s)`, {
          done,
          fraction,
          rate: rate(done),
        });
      }
    },
    stop() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
    log(message, fields = {}) {
      if (mode === 'json') {
        const msg = message.split('\n', 1)[0]; // the fields carry the rest
        stream.write(`${JSON.stringify({ time: new Date().toISOString(), msg, ...fields })}\n`);
      } else {
        reporter.stop();
        stream.write(`${message}\n`);
      }
    },
  };
  return reporter;
}
