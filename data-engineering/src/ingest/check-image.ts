import { hash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { checkPng, decodeWithSharp, type ImageCheckLevel } from './check-png';
import type { Problem } from './problem';

/** Limits and the folder images must stay in. */
export interface ImageCheckOptions {
  /** data_loc as the user gave it, for messages. */
  dataLoc: string;
  /** data_loc after realpath. */
  dataLocReal: string;
  maxBytes: number;
  maxPixels: number;
  level: ImageCheckLevel;
}

/** An image that passed every check: where it is, its hash and identity on disk. */
export interface GoodImage {
  realPath: string;
  sha256: string;
  /** Device and inode of the file that was read, to verify a hard link to it. */
  dev: number;
  ino: number;
}

/** A rejected image: every problem found. */
export interface ImageFailure {
  ok: false;
  problems: Problem[];
}

export type ImageCheck = { ok: true; image: GoodImage } | ImageFailure;

const fail = (code: string, message: string): ImageFailure => ({
  ok: false,
  problems: [{ code: `image.${code}`, message: `image: ${message}` }],
});

/** Whether `target` lies strictly below `root` (both absolute and normalised). */
const isInside = (root: string, target: string) =>
  target.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

/**
 * Returns a checker for the image path of a record: the path must stay inside
 * data_loc after resolving symlinks, the file must be a regular, non-empty file
 * within the byte limit, and its bytes a complete PNG within the pixel limit.
 * Nothing outside data_loc is ever opened. File I/O is synchronous: the checker
 * runs in worker threads, where that is the cheapest way to do small reads.
 */
export function createImageChecker(options: ImageCheckOptions): (image: string) => Promise<ImageCheck> {
  const realDirs = new Map<string, string | undefined>();
  const realDir = (dir: string) => {
    if (!realDirs.has(dir)) realDirs.set(dir, tryRealpath(dir));
    return realDirs.get(dir);
  };

  return async (image) => {
    if (path.isAbsolute(image) || /^[A-Za-z]:[\\/]|^\\/.test(image)) {
      return fail('absolute_path', `absolute path ${image} is not allowed; give it relative to data_loc`);
    }
    const resolved = path.resolve(options.dataLocReal, image);
    if (!isInside(options.dataLocReal, resolved)) {
      return fail(
        'outside_data_loc',
        `${image} points outside data_loc (${options.dataLoc}); keep images inside it`,
      );
    }
    const dir = realDir(path.dirname(resolved));
    if (dir === undefined) return fail('not_found', `file not found: ${path.join(options.dataLoc, image)}`);
    if (dir !== options.dataLocReal && !isInside(options.dataLocReal, dir)) {
      return fail('outside_data_loc', `the folder of ${image} is a symlink to ${dir}, outside data_loc`);
    }
    const read = readInside(image, path.join(dir, path.basename(resolved)), options);
    if (!read.ok) return read;
    const problems = checkPng(read.bytes, options.maxPixels, options.level);
    if (problems.length === 0 && options.level === 'decode') {
      problems.push(...(await decodeWithSharp(read.bytes, options.maxPixels)));
    }
    if (problems.length > 0) return { ok: false, problems };
    const sha256 = hash('sha256', read.bytes, 'hex');
    return { ok: true, image: { realPath: read.realPath, sha256, dev: read.dev, ino: read.ino } };
  };
}

type Read = { ok: true; bytes: Buffer; realPath: string; dev: number; ino: number } | ImageFailure;

function readInside(image: string, candidate: string, options: ImageCheckOptions): Read {
  let realPath = candidate;
  let fd = openNoFollow(candidate);
  if (fd === 'symlink') {
    const target = tryRealpath(candidate);
    if (target === undefined) return fail('not_found', `${image} is a symlink to a file that does not exist`);
    if (!isInside(options.dataLocReal, target)) {
      const message = `${image} is a symlink to ${target}, outside data_loc; copy the file in instead`;
      return fail('symlink_outside', message);
    }
    realPath = target;
    fd = openNoFollow(target);
  }
  if (fd === 'missing' || fd === 'symlink') {
    return fail('not_found', `file not found: ${path.join(options.dataLoc, image)}; add it or fix the path`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return fail('not_a_file', `${image} is not a regular file`);
    if (stat.size === 0) return fail('empty', 'the file is empty (0 bytes); re-export the image');
    if (stat.size > options.maxBytes) {
      const over = `the file is ${stat.size} bytes, over the limit of ${options.maxBytes} (--max-image-bytes)`;
      return fail('too_large', over);
    }
    const bytes = Buffer.allocUnsafe(stat.size);
    if (readSync(fd, bytes, 0, stat.size, 0) !== stat.size) {
      return fail('changed', `${image} changed while it was read; run the ingest again`);
    }
    return { ok: true, bytes, realPath, dev: stat.dev, ino: stat.ino };
  } finally {
    closeSync(fd);
  }
}

function openNoFollow(file: string): number | 'symlink' | 'missing' {
  try {
    return openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return 'symlink';
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw error;
  }
}

function tryRealpath(file: string): string | undefined {
  try {
    return realpathSync.native(file);
  } catch {
    return undefined;
  }
}
