// Human and JSON renderings of command results, for the CLI only.
import type { RingKindsResult } from './analysis/ring-kinds';
import type { BuildRawDataResult } from './build/build-raw-data';
import type { IngestSummary } from './ingest/ingest-dataset';
import type { ProgressReporter } from './shared/progress';
import type { SyntheticRawSet } from './synthetic/make-synthetic-raw-set';

const n = (value: number) => value.toLocaleString('en');

export function reportBuild(progress: ProgressReporter, result: BuildRawDataResult): void {
  const variant = result.styleVariant === 0 ? '' : ` (variant ${result.styleVariant})`;
  const otherKinds =
    result.otherKinds === 0 ? '' : `; ${n(result.otherKinds)} molecules of other ring kinds left out`;
  progress.log(
    `wrote ${n(result.records)} records (${n(result.rendered)} images, ${result.unparseable.length} unparseable, ` +
      `${result.badRecords} deliberately bad) in the ${result.style} drawing style${variant} to ${result.out} ` +
      `in ${result.seconds.toFixed(1)} s (${result.imagesPerSecond.toFixed(0)} images/s)${otherKinds}`,
    { event: 'build-raw-data', ...result },
  );
}

export function reportIngest(progress: ProgressReporter, summary: IngestSummary): void {
  const { read, accepted, rejected, duplicates_skipped: skipped } = summary.counts;
  const holds = accepted + rejected + skipped === read;
  const classes = Object.entries(summary.classDistribution)
    .map(([rings, count]) => `${rings}:${n(count)}`)
    .join(' ');
  progress.log(
    [
      `ingest: read ${n(read)} records from ${summary.source}`,
      `  accepted ${n(accepted)} + rejected ${n(rejected)} + identical duplicates skipped ${n(skipped)} ` +
        `= ${n(accepted + rejected + skipped)} ${holds ? '== read: nothing lost' : '!= read: BUG'}`,
      `  dataset ${summary.datasetVersion} (${n(summary.records)} rows` +
        `${summary.previousVersion ? `, appended to ${summary.previousVersion}` : ''}) in ${summary.outputPath}`,
      `  rows per num_rings: ${classes || 'none'}`,
      `  ${rejected === 0 ? 'no DLQ entries' : `${n(rejected)} DLQ entries appended to ${summary.dlq}`}` +
        `${summary.recovered === 'none' ? '' : `; an interrupted earlier run was ${summary.recovered}`}`,
      `  ${summary.seconds.toFixed(2)} s, ${n(Math.round(summary.recordsPerSecond))} records/s`,
    ].join('\n'),
    { event: 'ingest', ...summary },
  );
}

export function reportSynthetic(progress: ProgressReporter, result: SyntheticRawSet): void {
  progress.log(
    `wrote ${n(result.records)} synthetic records to ${result.out} in ${result.seconds.toFixed(1)} s`,
    {
      event: 'make-synthetic',
      ...result,
    },
  );
}

export function reportRingKinds(progress: ProgressReporter, result: RingKindsResult): void {
  const { noSmiles, badId, duplicateId, unparseable } = result.skipped;
  const skipped = noSmiles + badId + duplicateId + unparseable;
  const kinds = Object.entries(result.kinds)
    .map(([kind, count]) => `${kind}:${n(count)}`)
    .join(' ');
  progress.log(
    [
      `ring-kinds: wrote ${n(result.rows)} rows to ${result.out} from ${result.source}`,
      `  skipped ${n(skipped)}: ${n(noSmiles)} without smiles, ${n(badId)} without a usable compound_id, ` +
        `${n(duplicateId)} repeated compound_id, ${n(unparseable)} unparseable by RDKit`,
      `  rows per ring_kind (first match wins): ${kinds}`,
      `  ${result.seconds.toFixed(1)} s, ${n(Math.round(result.rows / Math.max(result.seconds, 1e-3)))} molecules/s`,
    ].join('\n'),
    { event: 'ring-kinds', ...result },
  );
}
