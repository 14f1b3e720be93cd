// Provenance of a model version: the sha256 of each of its files, as training
// recorded them (metadata.json's file_sha256, the registry's version tags), and
// the check that the files at hand are still those bytes. No TensorFlow.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { zodIssueLines } from '@rings/zod-issues';
import { fileSha256Schema, type FileSha256 } from './metadata';
import { MODEL_FILES } from './metadata-file';
import { ModelStoreError } from './store/errors';
import { readWeightsManifest } from './weights-manifest';

/** Registry version tags ring.sha256.<file> hold each model file's sha256. */
export const SHA256_TAG_PREFIX = 'ring.sha256.';

/** sha256 of a file, streamed, as lowercase hex. */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** sha256 of model.json and of every weight file it names (metadata.json is not a model file). */
export async function hashModelFiles(dir: string): Promise<FileSha256> {
  const { weightFiles } = await readWeightsManifest(dir);
  const hashes: FileSha256 = {};
  for (const name of [MODEL_FILES.model, ...weightFiles]) {
    hashes[name] = await sha256OfFile(path.join(dir, name));
  }
  return hashes;
}

/** Registry version tags recording `hashes`. */
export function sha256Tags(hashes: FileSha256): Record<string, string> {
  return Object.fromEntries(
    Object.entries(hashes).map(([name, hash]) => [`${SHA256_TAG_PREFIX}${name}`, hash]),
  );
}

/** The sha256 recorded in registry version tags; undefined when there are none. */
export function sha256FromTags(tags: Record<string, string>, source: string): FileSha256 | undefined {
  const entries = Object.entries(tags)
    .filter(([key]) => key.startsWith(SHA256_TAG_PREFIX))
    .map(([key, hash]) => [key.slice(SHA256_TAG_PREFIX.length), hash]);
  if (entries.length === 0) return undefined;
  const result = fileSha256Schema.safeParse(Object.fromEntries(entries));
  if (!result.success) {
    const lines = zodIssueLines(result.error.issues, { prefix: SHA256_TAG_PREFIX });
    throw new ModelStoreError(
      'PROVENANCE_MISMATCH',
      `${source} has malformed sha256 tags (${lines.join('; ')}); fix or remove the tags, or re-register the version from its training run`,
    );
  }
  return result.data;
}

/**
 * Throws PROVENANCE_MISMATCH, naming the file, unless the model files in dir
 * (model.json and its weight files) are exactly those `expected` records.
 * `recordedIn` says where `expected` comes from (e.g. "metadata.json").
 */
export async function assertFileSha256(dir: string, expected: FileSha256, recordedIn: string): Promise<void> {
  const actual = await hashModelFiles(dir);
  const refuse = (problem: string) =>
    new ModelStoreError(
      'PROVENANCE_MISMATCH',
      `${problem}: these are not the files training produced; promote the version's original export, or retrain it under a new version name`,
    );
  for (const [name, hash] of Object.entries(actual)) {
    const recorded = expected[name];
    if (recorded === undefined) throw refuse(`${name} has no sha256 in ${recordedIn}`);
    // Hashes are not secret; timingSafeEqual is just the byte comparison the security lint accepts.
    if (!timingSafeEqual(Buffer.from(recorded, 'hex'), Buffer.from(hash, 'hex'))) {
      throw refuse(`${name} has sha256 ${hash}, but ${recordedIn} records ${recorded}`);
    }
  }
  const unused = Object.keys(expected).filter((name) => !(name in actual));
  if (unused.length > 0) {
    throw refuse(`${recordedIn} records ${unused.join(', ')}, which model.json does not use`);
  }
}
