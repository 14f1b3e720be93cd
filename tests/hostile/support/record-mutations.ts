// Seeded mutations of raw records and their images for the ingest fuzz. Each
// mutation says whether the record can still be good (only then may the ingest
// accept it); every record left alone must be accepted.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { flipBytes, pngClaiming, truncate } from './images';
import type { Random } from './random';

export interface RawRecord {
  compound_id: string;
  smiles: string;
  num_rings: number;
  image: string;
}

/** Where the ingest may look (data) and the traps outside it it must never open. */
export interface RawFolders {
  data: string;
  /** A FIFO: opening it for reading blocks, so reading it would hang the test. */
  fifo: string;
  /** A valid PNG outside data_loc: its hash must never reach the dataset. */
  secret: string;
}

export interface Mutated {
  /** The element written to compounds.json (any JSON value). */
  value: unknown;
  mutation: string;
  /** false: the ingest must reject it; true: it may accept it. */
  mayAccept: boolean;
}

type Mutate = (r: RawRecord, random: Random, folders: RawFolders) => Promise<Omit<Mutated, 'mutation'>>;

const reject = (value: unknown) => ({ value, mayAccept: false });

const HOSTILE_IDS = [
  '../escape',
  '/etc/passwd',
  'a/b',
  '..',
  '.',
  'id with space',
  '$(touch /tmp/pwned)',
  'id;rm -rf',
  'x'.repeat(200),
  'NSC\u202e1',
  'NSC\u00001',
  'ＮＳＣ１',
  '',
];

const HOSTILE_NUMBERS: unknown[] = [-1, 1.5, '3', null, true, [], {}, 1e308, -0.0001];

/** Replace the record's image file on disk (a fresh copy: originals stay intact). */
async function rewriteImage(r: RawRecord, folders: RawFolders, bytes: Buffer | null): Promise<void> {
  const file = path.join(folders.data, r.image);
  await fs.rm(file, { force: true, recursive: true });
  if (bytes === null) await fs.mkdir(file);
  else await fs.writeFile(file, bytes);
}

const MUTATIONS: readonly (readonly [string, Mutate])[] = [
  [
    'drop a field',
    async (r, random) => {
      const copy: Record<string, unknown> = { ...r };
      delete copy[random.pick(['compound_id', 'smiles', 'num_rings', 'image'])];
      return reject(copy);
    },
  ],
  ['hostile compound_id', async (r, random) => reject({ ...r, compound_id: random.pick(HOSTILE_IDS) })],
  ['bad num_rings', async (r, random) => reject({ ...r, num_rings: random.pick(HOSTILE_NUMBERS) })],
  ['empty smiles', async (r) => reject({ ...r, smiles: '' })],
  ['not an object', async (_r, random) => reject(random.pick([42, 'NSC1', null, [], [[[[]]]], true]))],
  [
    'image outside data_loc',
    async (r, random, f) =>
      reject({
        ...r,
        image: random.pick([
          '../outside/secret.png',
          '../outside/trap.png',
          'images/../../outside/secret.png',
          f.secret,
          f.fifo,
          '/dev/zero',
          '/proc/self/environ',
          'C:\\Windows\\win.ini',
        ]),
      }),
  ],
  [
    'image symlink out',
    async (r, random, f) => {
      const link = path.join(f.data, 'images', `link-${r.compound_id}.png`);
      await fs.rm(link, { force: true });
      await fs.symlink(random.pick([f.secret, f.fifo, '/etc/passwd']), link);
      return reject({ ...r, image: `images/link-${r.compound_id}.png` });
    },
  ],
  [
    'image folder symlink out',
    async (r, _random, f) => reject({ ...r, image: `linked-out/${path.basename(f.secret)}` }),
  ],
  ['missing image', async (r) => reject({ ...r, image: `images/missing-${r.compound_id}.png` })],
  [
    'image is a folder',
    async (r, _random, f) => {
      await rewriteImage(r, f, null);
      return reject(r);
    },
  ],
  [
    'truncated image',
    async (r, random, f) => {
      await rewriteImage(r, f, truncate(await fs.readFile(path.join(f.data, r.image)), random));
      return reject(r);
    },
  ],
  [
    'bit-flipped image',
    async (r, random, f) => {
      await rewriteImage(r, f, flipBytes(await fs.readFile(path.join(f.data, r.image)), random));
      return { value: r, mayAccept: true }; // a flip may land in an ancillary chunk
    },
  ],
  [
    'zero-byte image',
    async (r, _random, f) => {
      await rewriteImage(r, f, Buffer.alloc(0));
      return reject(r);
    },
  ],
  [
    'image claiming absurd dimensions',
    async (r, random, f) => {
      await rewriteImage(
        r,
        f,
        pngClaiming(random.pick([0, 100_000, 2 ** 31 - 1]), random.pick([0, 100_000])),
      );
      return reject(r);
    },
  ],
  [
    'random bytes as image',
    async (r, random, f) => {
      await rewriteImage(r, f, random.bytes(random.int(1, 3000)));
      return reject(r);
    },
  ],
  [
    'prototype keys',
    async (r) => ({
      value: JSON.parse(
        `{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}, ${JSON.stringify(r).slice(1)}`,
      ),
      mayAccept: true,
    }),
  ],
];

/** Mutate one record (and maybe its image file) with a random mutation. */
export async function mutateRecord(r: RawRecord, random: Random, folders: RawFolders): Promise<Mutated> {
  const [mutation, mutate] = random.pick(MUTATIONS);
  return { mutation, ...(await mutate(r, random, folders)) };
}

/** Byte-level damage to the JSON text itself: the whole file must be refused, nothing changed. */
export function corruptJsonText(text: string, random: Random): string {
  const at = random.int(1, text.length - 2);
  return random.pick([
    () => text.slice(0, at), // truncated
    () => `${text.slice(0, at)}\u0000${text.slice(at)}`,
    () => `${text}garbage`,
    () => `{"records": ${text}}`,
    () => text.replace(/,\n/, ',,\n'),
    () => text.replace(/}\s*\]\s*$/, '},]'),
  ])();
}
