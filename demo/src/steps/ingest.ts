import { readFileSync } from 'node:fs';
import type { DemoStep } from '../demo';
import { runCommand } from '../run-command';

export const ingestStep: DemoStep = {
  title: 'Ingest the raw data',
  why: 'validate every record; good ones become a CSV + images, bad ones go to the DLQ.',
  async run(demo) {
    const { data, dlq } = demo.paths;
    await runCommand(demo, 'node', [
      ...[
        'data-engineering/dist/cli.js',
        'ingest',
        '--data_loc',
        'raw-data',
        '--file_name',
        'compounds.json',
      ],
      ...['--output_path', data, '--dlq', dlq, '--log', 'plain'],
    ]);
    const records = readFileSync(dlq, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { row: number; error: string });
    console.log(`   the DLQ holds ${records.length} records; the first three errors:`);
    for (const { row, error } of records.slice(0, 3)) console.log(`     row ${row}: ${error}`);
  },
};
