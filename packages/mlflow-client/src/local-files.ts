// Local file helpers for artifact transfers: walking a folder, bounded
// concurrency, and writing a stream to a file atomically.
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MlflowArtifactTooLargeError } from './errors';

/** Every regular file under `dir`, as sorted `/`-separated relative paths (symlinks are not followed). */
export async function listLocalFiles(dir: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listLocalFiles(path.join(dir, entry.name), relative)));
    else if (entry.isFile()) files.push(relative);
  }
  return files.sort();
}

/** Run `task` on every item with at most `limit` running at once; results keep the input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A pass-through that fails with ARTIFACT_TOO_LARGE once more than `maxBytes` went through. */
function byteCap(maxBytes: number, what: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen <= maxBytes) return done(null, chunk);
      done(
        new MlflowArtifactTooLargeError(
          `${what} is larger than ${maxBytes} bytes, the most allowed for it; the download stopped there`,
          { code: 'ARTIFACT_TOO_LARGE', request: `GET ${what}` },
        ),
      );
    },
  });
}

/**
 * Stream `body` into `file` through a temp file renamed into place; returns the
 * bytes written. With `cap`, more than cap.maxBytes fails (ARTIFACT_TOO_LARGE)
 * and leaves nothing behind.
 */
export async function writeStreamToFile(
  body: Readable,
  file: string,
  cap?: { maxBytes: number; what: string },
): Promise<number> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.part-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const out = createWriteStream(temp);
  try {
    if (cap === undefined) await pipeline(body, out);
    else await pipeline(body, byteCap(cap.maxBytes, cap.what), out);
    await rename(temp, file);
  } catch (err) {
    // A stream failing early can leave the file's open pending: wait until it is closed, or the
    // open would create the temp file again after rm.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    await rm(temp, { force: true });
    throw err;
  }
  return out.bytesWritten;
}

/** `relative` joined under `root`, refusing anything that would land outside it. */
export function insideRoot(root: string, relative: string): string {
  const target = path.resolve(root, ...relative.split('/'));
  const base = path.resolve(root);
  if (target !== base && !target.startsWith(base + path.sep)) {
    throw new Error(`refusing to write "${relative}" outside ${base}`);
  }
  return target;
}
