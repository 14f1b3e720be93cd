import { promises as fs } from 'node:fs';
import type { LiveMonitor } from '../live/live-monitor';
import { DEFAULT_LOG_FILE, logFiles } from './prediction-log';
import { logRecordSchema, type LogRecord } from '../live/records';

/** Which log to read and how far back. */
export interface ReadLogTailOptions {
  dir: string;
  fileName?: string;
  maxFiles?: number;
  /** Newest records to return at most; default 20000 (the monitor's default index size). */
  maxRecords?: number;
}

/** The newest records of the log, oldest first, and the lines that could not be read. */
export interface LogTail {
  records: LogRecord[];
  /** Lines that were not valid records (e.g. the last line of a crash, cut in half). */
  skipped: number;
}

/** Read the newest records of a rotated prediction log (current file first, then .1, .2, ...). */
export async function readLogTail(options: ReadLogTailOptions): Promise<LogTail> {
  const maxRecords = options.maxRecords ?? 20_000;
  const newestFirst: LogRecord[] = [];
  let skipped = 0;
  for (const file of logFiles(options.dir, options.fileName ?? DEFAULT_LOG_FILE, options.maxFiles ?? 5)) {
    const text = await readIfExists(file);
    if (text === null) continue;
    const lines = text.split('\n');
    for (let k = lines.length - 1; k >= 0 && newestFirst.length < maxRecords; k--) {
      if (lines[k].trim() === '') continue;
      const record = parseLine(lines[k]);
      if (record) newestFirst.push(record);
      else skipped++;
    }
    if (newestFirst.length >= maxRecords) break;
  }
  return { records: newestFirst.reverse(), skipped };
}

/** What a replay restored. */
export interface ReplayResult {
  predictions: number;
  feedback: number;
  /** Feedback whose prediction is older than the replayed tail. */
  orphanFeedback: number;
  /** Feedback for a prediction that already had some (logs of older versions replaced it); the first stands. */
  duplicateFeedback: number;
  skipped: number;
}

/** Rebuild a monitor's windows after a restart from the log's tail. */
export async function replayPredictionLog(
  monitor: LiveMonitor,
  options: ReadLogTailOptions,
): Promise<ReplayResult> {
  const tail = await readLogTail({ maxRecords: monitor.indexSize, ...options });
  const result: ReplayResult = {
    predictions: 0,
    feedback: 0,
    orphanFeedback: 0,
    duplicateFeedback: 0,
    skipped: tail.skipped,
  };
  for (const record of tail.records) {
    if (record.type === 'prediction') {
      monitor.recordPrediction(record);
      result.predictions++;
    } else if (monitor.hasFeedback(record.request_id)) {
      result.duplicateFeedback++;
    } else if (monitor.hasPrediction(record.request_id)) {
      monitor.recordFeedback(record);
      result.feedback++;
    } else {
      result.orphanFeedback++;
    }
  }
  return result;
}

function parseLine(line: string): LogRecord | null {
  try {
    const parsed = logRecordSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
