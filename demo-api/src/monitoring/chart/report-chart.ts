import sharp from 'sharp';
import type { StatisticDrift } from '@rings/ring-model/core';
import type { MonitoringReport } from '../report/report-schema';

const PANEL = { width: 300, height: 230, columns: 4 };
const PLOT = { left: 44, right: 12, top: 58, bottom: 40 };
const COLOURS = {
  baseline: '#9aa5b1',
  live: '#e4572e',
  ok: '#2e7d32',
  warn: '#ef8f00',
  alert: '#c62828',
  none: '#607080',
};

/** The statistics of a report that can be drawn, in report order. */
function panels(report: MonitoringReport): Array<[string, StatisticDrift]> {
  const { predicted_class, confidence, inputs } = report.drift;
  return [
    ...(predicted_class ? [['predicted_class', predicted_class] as [string, StatisticDrift]] : []),
    ...(confidence ? [['confidence', confidence] as [string, StatisticDrift]] : []),
    ...Object.entries(inputs),
  ];
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
}

function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

function tick(value: number): string {
  return Math.abs(value) >= 10 || Number.isInteger(value) ? value.toFixed(0) : value.toPrecision(2);
}

function figures(drift: StatisticDrift): string {
  const psi = drift.psi === null ? 'PSI -' : `PSI ${drift.psi.toFixed(2)}`;
  const p = drift.ks_p_value;
  const ks = p === null ? '' : p === 0 ? ' · KS p < 1e-16' : ` · KS p ${p.toExponential(1)}`;
  return `${psi}${ks}`;
}

/** One panel: baseline and live shares per baseline bin, side by side. */
function panelSvg(name: string, drift: StatisticDrift, x: number, y: number): string {
  const plotWidth = PANEL.width - PLOT.left - PLOT.right;
  const plotHeight = PANEL.height - PLOT.top - PLOT.bottom;
  const baseline = shares(drift.baseline_counts);
  const live = shares(drift.live_counts);
  const top = Math.max(0.01, ...baseline, ...live);
  const slot = plotWidth / baseline.length;
  const bar = (share: number, offset: number, colour: string, i: number) => {
    const h = (share / top) * plotHeight;
    const bx = PLOT.left + i * slot + offset;
    return `<rect x="${bx.toFixed(1)}" y="${(PLOT.top + plotHeight - h).toFixed(1)}" width="${(slot * 0.4).toFixed(1)}" height="${h.toFixed(1)}" fill="${colour}"/>`;
  };
  const bars = baseline.map(
    (s, i) => bar(s, slot * 0.1, COLOURS.baseline, i) + bar(live[i], slot * 0.5, COLOURS.live, i),
  );
  const level = drift.level === 'insufficient_data' ? 'too few' : drift.level;
  const colour = COLOURS[drift.level === 'insufficient_data' ? 'none' : drift.level];
  const first = drift.edges[0];
  const last = drift.edges[drift.edges.length - 1];
  return `<g transform="translate(${x},${y})">
<rect x="0.5" y="0.5" width="${PANEL.width - 1}" height="${PANEL.height - 1}" fill="#ffffff" stroke="#d0d7de"/>
<text x="12" y="22" font-size="15" font-weight="bold">${escapeXml(name)}</text>
<text x="${PANEL.width - 12}" y="22" font-size="13" font-weight="bold" text-anchor="end" fill="${colour}">${level}</text>
<text x="12" y="42" font-size="12" fill="#444">${escapeXml(figures(drift))}</text>
${bars.join('\n')}
<line x1="${PLOT.left}" y1="${PLOT.top + plotHeight}" x2="${PLOT.left + plotWidth}" y2="${PLOT.top + plotHeight}" stroke="#333"/>
<text x="${PLOT.left - 4}" y="${PLOT.top + 4}" font-size="10" text-anchor="end">${(top * 100).toFixed(0)}%</text>
<text x="${PLOT.left - 4}" y="${PLOT.top + plotHeight}" font-size="10" text-anchor="end">0</text>
<text x="${PLOT.left}" y="${PLOT.top + plotHeight + 14}" font-size="10">${tick(first)}</text>
<text x="${PLOT.left + plotWidth}" y="${PLOT.top + plotHeight + 14}" font-size="10" text-anchor="end">${tick(last)}</text>
<text x="${PLOT.left + plotWidth / 2}" y="${PLOT.top + plotHeight + 30}" font-size="10" text-anchor="middle" fill="#666">bins of the baseline histogram</text>
</g>`;
}

/** The report's distributions as an SVG: one panel per statistic, baseline bars beside live bars. */
export function reportChartSvg(report: MonitoringReport): string {
  const items = panels(report);
  const rows = Math.max(1, Math.ceil(items.length / PANEL.columns));
  const width = PANEL.columns * PANEL.width + (PANEL.columns + 1) * 10;
  const height = 70 + rows * (PANEL.height + 10);
  const verdict = report.recommendation.retraining_recommended
    ? 'retraining recommended'
    : 'no retraining needed';
  const title = `model ${report.model_version ?? '-'} · ${report.window.size} predictions in the window · ${verdict}`;
  const body = items.map(([name, drift], k) =>
    panelSvg(
      name,
      drift,
      10 + (k % PANEL.columns) * (PANEL.width + 10),
      60 + Math.floor(k / PANEL.columns) * (PANEL.height + 10),
    ),
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, Arial, sans-serif">
<rect width="100%" height="100%" fill="#f6f8fa"/>
<text x="12" y="28" font-size="18" font-weight="bold">${escapeXml(title)}</text>
<rect x="${width - 330}" y="16" width="14" height="14" fill="${COLOURS.baseline}"/><text x="${width - 310}" y="28" font-size="13">baseline (validation)</text>
<rect x="${width - 160}" y="16" width="14" height="14" fill="${COLOURS.live}"/><text x="${width - 140}" y="28" font-size="13">live window</text>
${body.join('\n')}
</svg>`;
}

/** The chart as PNG bytes (the SVG rendered by sharp). */
export function reportChartPng(report: MonitoringReport): Promise<Buffer> {
  return sharp(Buffer.from(reportChartSvg(report)))
    .png()
    .toBuffer();
}
