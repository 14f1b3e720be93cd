import { promises as fs } from 'node:fs';
import path from 'node:path';
import { renderCharts } from '@rings/charts';
import { monitoringReportSchema, type MonitoringReport } from '../report/report-schema';

export interface DrawReportChartOptions {
  /** An http(s) URL of GET /monitoring/, or a JSON file holding such a report. */
  report: string;
  /** The PNG to write (an .svg name writes the SVG, a .json name the Vega-Lite spec). */
  out: string;
}

/** Thrown when the report cannot be read or is not a monitoring report. */
export class ReportChartError extends Error {
  readonly code = 'REPORT_UNREADABLE';
}

async function readReport(source: string): Promise<MonitoringReport> {
  let json: unknown;
  try {
    if (/^https?:\/\//.test(source)) {
      const res = await fetch(source, { signal: AbortSignal.timeout(30_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      json = await res.json();
    } else {
      json = JSON.parse(await fs.readFile(source, 'utf8'));
    }
  } catch (err) {
    throw new ReportChartError(`cannot read the report from ${source}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  // the report without its history (reports saved before the API kept one have none)
  const parsed = monitoringReportSchema.safeParse(json);
  if (!parsed.success) {
    throw new ReportChartError(
      `${source} is not a GET /monitoring/ report: ${parsed.error.issues[0]?.message}`,
    );
  }
  return parsed.data;
}

/**
 * Draw a monitoring report, baseline against live for every statistic, with
 * the specs the dashboard draws its distributions with (@rings/charts).
 */
export async function drawReportChart(
  options: DrawReportChartOptions,
): Promise<{ out: string; bytes: number }> {
  const report = await readReport(options.report);
  const [chart] = await renderCharts([{ chart: 'reportDistributionsSpec', args: [report] }]);
  const data = options.out.endsWith('.svg')
    ? Buffer.from(chart.svg)
    : options.out.endsWith('.json')
      ? Buffer.from(`${JSON.stringify(chart.spec, null, 2)}\n`)
      : chart.png;
  await fs.mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
  await fs.writeFile(options.out, data);
  return { out: options.out, bytes: data.length };
}
