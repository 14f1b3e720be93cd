// A CLI's console: log lines on stdout, training progress on stderr, the
// progress line cleared before each log line so the two never mix.
import type { BatchProgressHook } from './batch-progress';
import { createTrainingProgress } from './training-progress';

/** The `log` and `onBatchEnd` of trainVersion for a CLI whose lines start with "[prefix]". */
export function createConsoleReporter(prefix: string): {
  log: (line: string) => void;
  onBatchEnd: BatchProgressHook;
  /** Call when training ends, however it ends, before an error is printed. */
  clear: () => void;
} {
  const progress = createTrainingProgress(process.stderr);
  const log = (line: string): void => {
    progress.clear();
    console.log(`[${prefix}] ${line}`);
  };
  return { log, onBatchEnd: progress.update, clear: progress.clear };
}
