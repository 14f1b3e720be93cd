// One ingest run in a fresh process, as a user runs it: prints a JSON line with
// the time of the ingest itself (start-up excluded, like the peer's) and the
// process's peak resident memory.
import { ingestDataset, type IngestOptions } from '@rings/data-engineering';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as IngestOptions;
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
