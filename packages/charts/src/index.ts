import path from 'node:path';

export type {
  ChartArgs,
  ChartRequest,
  DistributionDrift,
  EpochPoint,
  ReportForChart,
} from './chart-requests';
export { ChartRenderError, renderCharts } from './render-charts';
export type { RenderChartsOptions, RenderedChart } from './render-charts';
export { writeChartFiles } from './write-chart-files';

/**
 * The spec modules (ES modules with no dependencies), for a server to hand to
 * browsers as they are: the pages import the same files the renderer does.
 */
export const CHART_SPECS_DIR = path.resolve(__dirname, '..', 'specs');
