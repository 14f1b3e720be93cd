#!/usr/bin/env node
// monitoring-chart: draw a GET /monitoring/ report (baseline against live
// distributions) as a PNG, e.g. for the README. Only this file sets the exit code.
import { zodIssueLines } from '@rings/ring-model/core';
import { Command } from 'commander';
import { z } from 'zod';
import { drawReportChart } from './draw-report-chart';

const flagsSchema = z.object({
  report: z.string().min(1).default('http://127.0.0.1:8080/monitoring/'),
  out: z.string().min(1).default('docs/monitoring.png'),
});

async function main(argv: string[]): Promise<void> {
  const program = new Command('monitoring-chart')
    .description(
      'Draw baseline vs live distributions of a GET /monitoring/ report as a PNG (or .svg, or .json: the Vega-Lite spec).',
    )
    .option('--report <url|file>', 'the report: a URL of GET /monitoring/ or a saved JSON file')
    .option('--out <file>', 'where to write the chart: .png (default docs/monitoring.png), .svg or .json')
    .parse(argv);
  const parsed = flagsSchema.safeParse(program.opts());
  if (!parsed.success) throw new Error(zodIssueLines(parsed.error.issues, { prefix: '--' }).join('\n'));
  const result = await drawReportChart(parsed.data);
  console.log(`wrote ${result.out} (${result.bytes} bytes)`);
}

main(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
