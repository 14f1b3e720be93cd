import type { Demo, DemoStep } from '../demo';
import { runCommand } from '../run-command';
import { TRAFFIC_MOLECULES } from './traffic';

/** The committed source of drug-like molecules (RDKit test data, see data-engineering/sources/README.md). */
const CHEMBL_SOURCE = 'data-engineering/sources/chembl-10k.smi';

/** Render `limit` molecules of the ChEMBL source from `offset` on, as raw-data is drawn. */
function buildRawData(demo: Demo, out: string, offset: number, limit: number): Promise<void> {
  return runCommand(demo, 'node', [
    ...['data-engineering/dist/cli.js', 'build-raw-data', '--source', CHEMBL_SOURCE, '--out', out],
    ...['--offset', String(offset), '--limit', String(limit), '--no-bad-records', '--log', 'plain'],
  ]);
}

export const chemblBatchStep: DemoStep = {
  title: 'More data arrives: a ChEMBL batch',
  why: "drug-like molecules, unlike most of the NCI batch: v1 never saw their like. Render, then ingest as its own source, so v2's evaluation reports it apart.",
  async run(demo) {
    const { chemblRaw, chemblData, trafficRaw, dlq } = demo.paths;
    const records = demo.config.chemblRecords;
    await buildRawData(demo, chemblRaw, 0, records);
    await runCommand(demo, 'node', [
      ...['data-engineering/dist/cli.js', 'ingest', '--data_loc', chemblRaw, '--file_name', 'compounds.json'],
      ...['--output_path', chemblData, '--dlq', dlq, '--log', 'plain'],
    ]);
    console.log(
      `   the next ${TRAFFIC_MOLECULES} molecules of the source stand in for what users will send: no version trains on them`,
    );
    await buildRawData(demo, trafficRaw, records, TRAFFIC_MOLECULES);
  },
};
