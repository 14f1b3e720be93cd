import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ingestOptionsSchema, type ImageCheckLevel, type IngestOptions } from '@rings/data-engineering';
import { z } from 'zod';
import { rotated, secondsSince, type BenchContext, type Outcome } from '../benchmark';
import { BenchError } from '../errors';
import { makeFigure, makeRatio } from '../figures';
import type { Figure } from '../results';
import type { Goal } from '../stats';
import { RAW_DATA_DIR } from '../paths';
import { runJsonProcess, runProcess } from '../processes';
import { runPeer } from '../python';
import { makeLargeRawSet } from './ingest-large';

const DEFAULT_IMAGE_CHECK = ingestOptionsSchema.shape.imageCheck.parse(undefined);

const oursReport = z.object({
  seconds: z.number().positive(),
  read: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  peak_rss_mib: z.number().positive(),
});
const peerReport = z.object({
  seconds: z.number().positive(),
  read: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
});
type Side = 'ours' | 'decode' | 'peer' | 'copy';

const WORKER = path.join(__dirname, '..', 'workers', 'ingest-worker.js');

/** Our ingest in a fresh Node process (the library call is timed, as the peer times its own). */
export function runOurIngest(
  dataLoc: string,
  out: string,
  imageCheck?: ImageCheckLevel,
): Promise<z.infer<typeof oursReport>> {
  const options: IngestOptions = {
    dataLoc,
    fileName: 'compounds.json',
    outputPath: out,
    dlq: `${out}.dlq.log`,
    imageCheck,
  };
  return runJsonProcess(process.execPath, [WORKER, JSON.stringify(options)], oursReport);
}

async function assertRawData(): Promise<number> {
  const file = path.join(RAW_DATA_DIR, 'compounds.json');
  const text = await fs.readFile(file, 'utf8').catch(() => {
    throw new BenchError('NOT_BUILT', `not built yet: ${file} is missing (issue 3: npm run build-raw-data)`);
  });
  return (JSON.parse(text) as unknown[]).length;
}

/** records/s of one side on the raw set, output written under out (removed afterwards). */
async function timeSide(side: Side, out: string, records: number): Promise<number> {
  try {
    if (side === 'ours' || side === 'decode') {
      const r = await runOurIngest(RAW_DATA_DIR, out, side === 'decode' ? 'decode' : undefined);
      return r.read / r.seconds;
    }
    if (side === 'peer') {
      const args = ['--data_loc', RAW_DATA_DIR, '--file_name', 'compounds.json', '--output_path', out];
      const r = await runPeer('ingest_upload.py', [...args, '--dlq', `${out}.dlq.log`], peerReport);
      return r.read / r.seconds;
    }
    await fs.mkdir(out, { recursive: true });
    const start = process.hrtime.bigint();
    const sources = ['images', 'compounds.json'].map((f) => path.join(RAW_DATA_DIR, f));
    await runProcess('cp', ['-r', ...sources, out]);
    return records / secondsSince(start);
  } finally {
    await fs.rm(out, { recursive: true, force: true });
    await fs.rm(`${out}.dlq.log`, { force: true });
  }
}

/**
 * Ingest of the committed raw set: ours vs the Python uploader vs a raw copy of
 * the same bytes, interleaved; then our ingest on a large synthetic set (peak RSS).
 */
export async function benchIngest(ctx: BenchContext): Promise<Outcome> {
  const records = await assertRawData();
  await timeSide('copy', path.join(ctx.workDir, 'warm'), records); // page cache warm for everyone
  const samples: Record<Side, number[]> = { ours: [], decode: [], peer: [], copy: [] };
  for (let rep = 0; rep < ctx.settings.repetitions; rep++) {
    for (const side of rotated<Side>(['ours', 'decode', 'peer', 'copy'], rep)) {
      samples[side].push(await timeSide(side, path.join(ctx.workDir, `${side}-${rep}`), records));
      ctx.log(`ingest ${side} #${rep + 1}: ${samples[side].at(-1)?.toFixed(0)} records/s`);
    }
  }
  const n = records.toLocaleString('en-US');
  const rate = (side: Side, figureSide: Figure['side'], label: string): Figure =>
    makeFigure(
      { id: `ingest.${side}`, label, side: figureSide, unit: 'records/s', better: 'higher' },
      samples[side],
    );
  const ours = rate('ours', 'ours', `ours: ingest of the ${n}-record raw set (default checks)`);
  const decode = rate(
    'decode',
    'ours',
    'ours: the same with --image-check decode (sharp decodes every pixel)',
  );
  const peer = rate('peer', 'peer', 'peer: Python uploader (pydantic, tqdm, copytree)');
  const copy = rate('copy', 'limit', 'limit: cp -r of the same files');
  const large = await benchLargeIngest(ctx, ours);
  const goal = (target: number): Goal => ({ op: '>=', target });
  return {
    figures: [ours, decode, peer, copy, ...large.figures],
    ratios: [
      makeRatio('ingest.ours_vs_peer', 'ingest records/s: ours / Python uploader', ours, peer, goal(2)),
      makeRatio(
        'ingest.decode_vs_peer',
        'ingest records/s: ours with full decode / Python uploader',
        decode,
        peer,
      ),
      makeRatio(
        'ingest.ours_vs_copy',
        'ingest records/s: ours / raw copy (within 3x: ≥ 0.33)',
        ours,
        copy,
        goal(1 / 3),
      ),
      ...large.ratios,
    ],
    notes: [
      'each side runs in a fresh process and times its own work (interpreter start-up excluded); outputs on the same disk; order rotated per repetition',
      `the peer checks only that each image file exists; ours validates each record with zod, resolves symlinks inside data_loc, checks each PNG (default level '${DEFAULT_IMAGE_CHECK}': signature, chunk CRCs, pixel limit, inflates the image data), hashes it (sha256), writes manifest and DLQ, and hard-links accepted images (copies across filesystems)`,
      ...large.notes,
    ],
  };
}

async function benchLargeIngest(ctx: BenchContext, small: Figure): Promise<Outcome> {
  const count = ctx.settings.ingest.largeRecords;
  const dir = await makeLargeRawSet(path.join(ctx.workDir, 'large-raw'), count);
  const rates: number[] = [];
  const rss: number[] = [];
  for (let rep = 0; rep < Math.min(2, ctx.settings.repetitions); rep++) {
    const out = path.join(ctx.workDir, `large-out-${rep}`);
    const r = await runOurIngest(dir, out);
    await fs.rm(out, { recursive: true, force: true });
    rates.push(r.read / r.seconds);
    rss.push(r.peak_rss_mib);
    ctx.log(
      `ingest large #${rep + 1}: ${rates.at(-1)?.toFixed(0)} records/s, peak RSS ${r.peak_rss_mib.toFixed(0)} MiB`,
    );
  }
  const n = count.toLocaleString('en-US');
  const rate = makeFigure(
    {
      id: 'ingest.ours.large',
      label: `ours: ingest of ${n} synthetic records`,
      side: 'ours',
      unit: 'records/s',
      better: 'higher',
    },
    rates,
  );
  const peak = makeFigure(
    {
      id: 'ingest.ours.large.peak_rss',
      label: `ours: peak RSS ingesting ${n} records`,
      side: 'ours',
      unit: 'MiB',
      better: 'lower',
    },
    rss,
    { op: '<=', target: 300 },
  );
  return {
    figures: [rate, peak],
    ratios: [
      makeRatio(
        'ingest.large_vs_small',
        `ingest records/s: ${n} records / raw set (issue 3: no lower)`,
        rate,
        small,
        { op: '>=', target: 1 },
      ),
    ],
    notes: [`the ${n}-record set is made by data-engineering's synthetic raw-set maker from the real images`],
  };
}
