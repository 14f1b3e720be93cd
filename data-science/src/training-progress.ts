// Renders BatchProgress for people: one redrawn line on a terminal, a plain
// line every few seconds in a log (CI, pipes), an updating display in a
// notebook. Throttled, so reporting costs nothing measurable per batch.
import type { BatchProgress } from './batch-progress';

/** A stream to write progress to: a terminal (isTTY) or a log. */
export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  /** A terminal's width: longer lines are cut, so the line never wraps. */
  columns?: number;
}

/** A display that replaces its content on each call, e.g. tslab.newDisplay(). */
export interface ProgressDisplay {
  text(content: string): void;
}

export interface TrainingProgressOptions {
  /** Least time between two renders; default 250 ms on a terminal or display, 10 s in a log. */
  intervalMs?: number;
}

/** Reporter for trainModel's onBatchEnd hook. */
export interface TrainingProgress {
  /** Pass as onBatchEnd: renders at most once per interval. */
  update: (progress: BatchProgress) => void;
  /** Removes a terminal's progress line; call before writing anything else to the terminal. */
  clear: () => void;
}

const BAR_WIDTH = 10;

/** A reporter writing to `output`: a terminal line, log lines or a notebook display. */
export function createTrainingProgress(
  output: ProgressStream | ProgressDisplay,
  options: TrainingProgressOptions = {},
): TrainingProgress {
  const mode = 'text' in output ? 'display' : output.isTTY ? 'terminal' : 'log';
  const interval = options.intervalMs ?? (mode === 'log' ? 10_000 : 250);
  const clock = createEtaClock();
  let last = -Infinity;
  let drawn = false;
  const render = (p: BatchProgress): void => {
    const line = describeProgress(p, clock.secondsLeft(p), { bar: mode !== 'log' });
    if ('text' in output) output.text(line);
    else if (mode === 'terminal') output.write(`\r${line.slice(0, lineWidth(output))}\x1b[K`);
    else output.write(`${line}\n`);
    drawn = mode === 'terminal';
  };
  return {
    update(p) {
      clock.observe(p);
      const now = performance.now();
      // a notebook keeps its display: show each epoch's end there too
      const epochDone = mode === 'display' && p.batch === p.batches;
      if (now - last < interval && !epochDone) return;
      last = now;
      render(p);
    },
    clear() {
      if (drawn && 'write' in output) output.write('\r\x1b[K');
      drawn = false;
    },
  };
}

/** Characters that fit on a terminal line without wrapping (a pty may not know its width: 0). */
function lineWidth({ columns }: ProgressStream): number {
  return columns !== undefined && columns > 20 ? columns - 1 : Infinity;
}

/**
 * "epoch 2/15  batch 120/469 (25%)  412 img/s  left: epoch 0:51, run 12:30", or
 * with a bar: "epoch 2/15 [###-------] batch 120/469  412 img/s  left: ...".
 */
export function describeProgress(
  p: BatchProgress,
  left: { epoch: number; run: number },
  { bar = false } = {},
): string {
  const done = p.images / p.epochImages;
  const filled = Math.round(BAR_WIDTH * done);
  const where = bar
    ? `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] batch ${p.batch}/${p.batches}`
    : ` batch ${p.batch}/${p.batches} (${Math.floor(100 * done)}%)`;
  const rate = p.seconds > 0 ? Math.round(p.images / p.seconds) : 0;
  return (
    `epoch ${p.epoch}/${p.epochs} ${where}  ${rate} img/s  ` +
    `left: epoch ${formatDuration(left.epoch)}, run ${formatDuration(left.run)}`
  );
}

/** "0:07", "12:30", "1:02:03" */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  const [h, m] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60)];
  return h > 0 ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}

/**
 * Time left, from the fit's throughput within this epoch and, once an epoch
 * has passed, the wall time between epoch starts (which counts augmentation
 * and validation too).
 */
function createEtaClock() {
  let firstStart: number | undefined;
  let firstEpoch = 1;
  let epochStart = 0;
  return {
    observe(p: BatchProgress): void {
      epochStart = performance.now() / 1000 - p.seconds;
      if (firstStart === undefined) [firstStart, firstEpoch] = [epochStart, p.epoch];
    },
    secondsLeft(p: BatchProgress): { epoch: number; run: number } {
      const perImage = p.images > 0 ? p.seconds / p.images : NaN;
      const epoch = (p.epochImages - p.images) * perImage;
      const epochsSeen = p.epoch - firstEpoch;
      const perEpoch =
        epochsSeen > 0 ? (epochStart - (firstStart ?? epochStart)) / epochsSeen : p.epochImages * perImage;
      return { epoch, run: epoch + (p.epochs - p.epoch) * perEpoch };
    },
  };
}
