import { promises as fs } from 'node:fs';
import path from 'node:path';
import { monitoringReportSchema, type MonitoringReport } from '../report/report-schema';
import { reportChartPng, reportChartSvg } from './report-chart';

export interface DrawReportChartOptions {
  /** An http(s) URL of GET /monitoring/, or a JSON file holding such a report. */
  report: string;
  /** The PNG to write (an .svg name writes the SVG instead). */
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

/** Draw baseline against live distributions of a monitoring report into a PNG (or SVG). */
export async function drawReportChart(
  options: DrawReportChartOptions,
): Promise<{ out: string; bytes: number }> {
  const report = await readReport(options.report);
  const data = options.out.endsWith('.svg')
    ? Buffer.from(reportChartSvg(report))
    : await reportChartPng(report);
  await fs.mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
  await fs.writeFile(options.out, data);
  return { out: options.out, bytes: data.length };
}
