import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RenderedChart } from './render-charts';

/**
 * Write <dir>/<name>.png and, beside it, the spec that drew it as
 * <dir>/<name>.vl.json (open it in the Vega editor to change the chart).
 * @returns the two file names, relative to dir
 */
export async function writeChartFiles(chart: RenderedChart, dir: string, name: string): Promise<string[]> {
  const files = [`${name}.png`, `${name}.vl.json`];
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, files[0]), chart.png);
  await fs.writeFile(path.join(dir, files[1]), `${JSON.stringify(chart.spec, null, 2)}\n`);
  return files;
}
