// One ingest run in a fresh process, as a user runs it: prints a JSON line with
// the time of the ingest itself (start-up excluded, like the peer's) and the
// process's peak resident memory.
import { requirePart } from '../parts';

interface IngestOptions {
  dataLoc: string;
  fileName: string;
  outputPath: string;
  dlq: string;
}
interface IngestSummary {
  counts: { read: number; accepted: number; rejected: number; duplicates_skipped: number };
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as IngestOptions;
  const ingestDataset = await requirePart<(o: IngestOptions) => Promise<IngestSummary>>(
    () => import('@rings/data-engineering'),
    'ingestDataset',
    '@rings/data-engineering (issue 3)',
  );
  const start = process.hrtime.bigint();
  const summary = await ingestDataset(options);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ seconds, ...summary.counts, peak_rss_mib: peakRssMiB })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
});
