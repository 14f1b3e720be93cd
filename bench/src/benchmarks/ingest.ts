import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { rotated, secondsSince, type BenchContext, type Outcome } from '../benchmark';
import { BenchError } from '../errors';
import { makeFigure, makeRatio } from '../figures';
import type { Figure } from '../results';
import { RAW_DATA_DIR } from '../paths';
import { runJsonProcess, runProcess } from '../processes';
import { runPeer } from '../python';
import { makeLargeRawSet } from './ingest-large';

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
type Side = 'ours' | 'peer' | 'copy';

const WORKER = path.join(__dirname, '..', 'workers', 'ingest-worker.js');

/** Our ingest in a fresh Node process (the library call is timed, as the peer times its own). */
export function runOurIngest(dataLoc: string, out: string): Promise<z.infer<typeof oursReport>> {
  const options = { dataLoc, fileName: 'compounds.json', outputPath: out, dlq: `${out}.dlq.log` };
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
    if (side === 'ours') {
      const r = await runOurIngest(RAW_DATA_DIR, out);
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
  const samples: Record<Side, number[]> = { ours: [], peer: [], copy: [] };
  for (let rep = 0; rep < ctx.settings.repetitions; rep++) {
    for (const side of rotated<Side>(['ours', 'peer', 'copy'], rep)) {
      samples[side].push(await timeSide(side, path.join(ctx.workDir, `${side}-${rep}`), records));
      ctx.log(`ingest ${side} #${rep + 1}: ${samples[side].at(-1)?.toFixed(0)} records/s`);
    }
  }
  const unit = 'records/s';
  const n = records.toLocaleString('en-US');
  const ours = makeFigure(
    {
      id: 'ingest.ours',
      label: `ours: ingest of the ${n}-record raw set`,
      side: 'ours',
      unit,
      better: 'higher',
    },
    samples.ours,
  );
  const peer = makeFigure(
    {
      id: 'ingest.peer',
      label: 'peer: Python uploader (pydantic, tqdm, copytree)',
      side: 'peer',
      unit,
      better: 'higher',
    },
    samples.peer,
  );
  const copy = makeFigure(
    { id: 'ingest.copy', label: 'limit: cp -r of the same files', side: 'limit', unit, better: 'higher' },
    samples.copy,
  );
  const large = await benchLargeIngest(ctx, ours);
  return {
    figures: [ours, peer, copy, ...large.figures],
    ratios: [
      makeRatio('ingest.ours_vs_peer', 'ingest records/s: ours / Python uploader', ours, peer, {
        op: '>=',
        target: 2,
      }),
      makeRatio('ingest.ours_vs_copy', 'ingest records/s: ours / raw copy (within 3x: ≥ 0.33)', ours, copy, {
        op: '>=',
        target: 1 / 3,
      }),
      ...large.ratios,
    ],
    notes: [
      'each side runs in a fresh process and times its own work (interpreter start-up excluded); outputs on the same disk; order rotated per repetition',
      'the peer checks only that each image file exists; ours validates with zod, decodes every image within limits (sharp), resolves symlinks and hashes (sha256)',
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
