import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { LogRecord } from '../live/records';

/** Where and how big the prediction log may grow. */
export interface PredictionLogOptions {
  /** Directory of the log (on the shared volume); created when missing. */
  dir: string;
  /** Current file name; rotated files get .1, .2, ... (higher is older). Default predictions.jsonl. */
  fileName?: string;
  /** Rotate when the current file would exceed this size; default 10 MiB. */
  maxFileBytes?: number;
  /** Rotated files kept besides the current one; default 5. */
  maxFiles?: number;
  /** Lines waiting for the disk beyond this many bytes are dropped (and counted); default 1 MiB. */
  maxBufferedBytes?: number;
  /** Called on a write or rotation failure (the lines of that write are counted as dropped). */
  onError?: (err: Error) => void;
}

/** Counters of the log, for /metrics. */
export interface PredictionLogStats {
  written: number;
  dropped: number;
  rotations: number;
  errors: number;
  buffered_bytes: number;
}

export const DEFAULT_LOG_FILE = 'predictions.jsonl';

/**
 * Append-only JSON-lines log, written in the background: append() only queues
 * a line and never waits for the disk; when the queue is full (a slow disk) the
 * line is dropped and counted instead of blocking the request.
 */
export class PredictionLog {
  readonly file: string;
  private readonly maxFileBytes: number;
  private readonly maxFiles: number;
  private readonly maxBufferedBytes: number;
  private pending: string[] = [];
  private pendingBytes = 0;
  private handle: fs.FileHandle | null = null;
  private fileBytes = 0;
  private draining: Promise<void> | null = null;
  private readonly counters = { written: 0, dropped: 0, rotations: 0, errors: 0 };

  constructor(private readonly options: PredictionLogOptions) {
    this.file = path.join(options.dir, options.fileName ?? DEFAULT_LOG_FILE);
    this.maxFileBytes = options.maxFileBytes ?? 10 * 1024 * 1024;
    this.maxFiles = options.maxFiles ?? 5;
    this.maxBufferedBytes = options.maxBufferedBytes ?? 1024 * 1024;
  }

  /** Queue one record; returns false when it was dropped because the queue is full. */
  append(record: LogRecord): boolean {
    const line = JSON.stringify(record) + '\n';
    const bytes = Buffer.byteLength(line);
    if (this.pendingBytes + bytes > this.maxBufferedBytes) {
      this.counters.dropped++;
      return false;
    }
    this.pending.push(line);
    this.pendingBytes += bytes;
    this.kick();
    return true;
  }

  /** Resolves when every line queued so far has been written (or dropped on an error). */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Flush and close the file. */
  async close(): Promise<void> {
    await this.flush();
    await this.handle?.close();
    this.handle = null;
  }

  stats(): PredictionLogStats {
    return { ...this.counters, buffered_bytes: this.pendingBytes };
  }

  /** Start the background writer unless it runs; it restarts itself if lines arrived as it finished. */
  private kick(): void {
    if (this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (this.pending.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const lines = this.pending;
      this.pending = [];
      const chunk = lines.join('');
      const bytes = Buffer.byteLength(chunk);
      try {
        await this.open();
        if (this.fileBytes > 0 && this.fileBytes + bytes > this.maxFileBytes) await this.rotate();
        await (await this.open()).appendFile(chunk);
        this.fileBytes += bytes;
        this.counters.written += lines.length;
      } catch (err) {
        this.counters.errors++;
        this.counters.dropped += lines.length;
        this.options.onError?.(err as Error);
      } finally {
        this.pendingBytes -= bytes;
      }
    }
  }

  private async open(): Promise<fs.FileHandle> {
    if (this.handle) return this.handle;
    await fs.mkdir(this.options.dir, { recursive: true });
    this.handle = await fs.open(this.file, 'a');
    this.fileBytes = (await this.handle.stat()).size;
    return this.handle;
  }

  /** predictions.jsonl -> .1 -> .2 ...; the oldest beyond maxFiles is deleted. */
  private async rotate(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
    await fs.rm(`${this.file}.${this.maxFiles}`, { force: true });
    for (let k = this.maxFiles - 1; k >= 1; k--)
      await renameIfExists(`${this.file}.${k}`, `${this.file}.${k + 1}`);
    if (this.maxFiles > 0) await renameIfExists(this.file, `${this.file}.1`);
    else await fs.rm(this.file, { force: true });
    this.counters.rotations++;
    await this.open();
  }
}

async function renameIfExists(from: string, to: string): Promise<void> {
  try {
    await fs.rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** The log's files, newest first: predictions.jsonl, predictions.jsonl.1, ... */
export function logFiles(dir: string, fileName = DEFAULT_LOG_FILE, maxFiles = 5): string[] {
  const base = path.join(dir, fileName);
  return [base, ...Array.from({ length: maxFiles }, (_, k) => `${base}.${k + 1}`)];
}
