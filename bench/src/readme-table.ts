import type { Figure, RatioResult, Results } from './results';
import type { Goal } from './stats';

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

/** 12,345 / 123 / 12.3 / 1.23: precision that a table reader can compare. */
export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function formatRatio(value: number): string {
  return `${value >= 10 ? value.toFixed(1) : value.toFixed(2)}x`;
}

function formatGoal(goal: Goal | null, met: boolean | null, suffix = ''): string {
  if (!goal) return '';
  const sign = goal.op === '>=' ? '≥' : '≤';
  return `${sign} ${formatNumber(goal.target)}${suffix} ${met ? '(met)' : '(**missed**)'}`;
}

/** One table cell: no pipes, no line breaks. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

function row(cells: string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

function header(names: string[]): string[] {
  return [row(names), row(names.map(() => '---'))];
}

function ratioRow(benchmark: string, r: RatioResult): string {
  const range = `${formatRatio(r.low)} – ${formatRatio(r.high)}`;
  return row([benchmark, r.label, formatRatio(r.value), range, formatGoal(r.goal, r.met, 'x')]);
}

function figureRow(benchmark: string, f: Figure): string {
  const spread = f.n > 1 ? `±${(f.spread * 100).toFixed(f.spread < 0.1 ? 1 : 0)}%` : '';
  return row([
    benchmark,
    f.label,
    formatNumber(f.median),
    spread,
    f.unit,
    String(f.n),
    formatGoal(f.goal, f.met),
  ]);
}

function describeRun(results: Results, source: string): string {
  const m = results.machine;
  const peers = Object.entries(m.peers)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  return (
    `Measured ${results.started_at.slice(0, 10)} by \`${results.command}\` (${results.mode} run) on ` +
    `${m.cpu_model}, ${m.cores} cores, ${m.memory_gib} GiB, ${m.os}; Node ${m.node}, tfjs-node ${m.tfjs_node} ` +
    `(libtensorflow ${m.libtensorflow}, backend ${m.tf_backend})` +
    (peers ? `; peers: ${peers}` : '') +
    `. Source: \`${source}\`. Ratios are of medians; the range pairs the extremes of both sides.`
  );
}

/** The markdown report of a results file: run facts, ratios against goals, every figure, failures. */
export function renderResultsMarkdown(results: Results, source: string): string {
  const ok = results.benchmarks.filter((b) => b.status === 'ok');
  const failed = results.benchmarks.filter((b) => b.status === 'failed');
  const lines = [describeRun(results, source), ''];
  const ratios = ok.flatMap((b) => b.ratios.map((r) => ratioRow(b.name, r)));
  if (ratios.length > 0) {
    lines.push(...header(['benchmark', 'comparison', 'ratio', 'range', 'goal']), ...ratios, '');
  }
  const figures = ok.flatMap((b) => b.figures.map((f) => figureRow(b.name, f)));
  if (figures.length > 0) {
    lines.push(
      ...header(['benchmark', 'figure', 'median', 'spread', 'unit', 'runs', 'goal']),
      ...figures,
      '',
    );
  }
  const notes = ok.flatMap((b) => b.notes.map((n) => `- ${b.name}: ${cell(n)}`));
  if (notes.length > 0) lines.push(...notes, '');
  if (failed.length > 0) {
    lines.push(
      'Could not run:',
      '',
      ...failed.map((b) => `- ${b.name}: ${cell(b.error ?? 'unknown error')}`),
      '',
    );
  }
  return lines.join('\n').trimEnd();
}

/** Replace what lies between the bench markers of a README; throws when the markers are missing. */
export function replaceBenchSection(readme: string, section: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) {
    throw new Error(`README has no ${README_START} ... ${README_END} section to fill`);
  }
  return `${readme.slice(0, start + README_START.length)}\n\n${section}\n\n${readme.slice(end)}`;
}
