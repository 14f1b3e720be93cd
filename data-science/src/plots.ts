// Plots as SVG (no plotting dependency), rendered to PNG by sharp.
import { promises as fs } from 'node:fs';
import sharp from 'sharp';
import type { EpochLog } from './train';

const FONT = 'font-family="DejaVu Sans, sans-serif"';
const escapeXml = (s: string): string =>
  s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

interface Series {
  name: string;
  color: string;
  values: number[];
}

/** One line chart panel at (x, y), width w, height h. */
function linePanel(x: number, y: number, w: number, h: number, title: string, series: Series[]): string {
  const all = series.flatMap((s) => s.values).filter(Number.isFinite);
  const lo = Math.min(0, ...all);
  const hi = Math.max(...all, lo + 1e-6);
  const n = Math.max(...series.map((s) => s.values.length));
  const px = (i: number): number => x + 40 + (n > 1 ? (i / (n - 1)) * (w - 50) : (w - 50) / 2);
  const py = (v: number): number => y + h - 30 - ((v - lo) / (hi - lo)) * (h - 60);
  const lines = series.map((s, k) => {
    const points = s.values.map((v, i) => `${px(i).toFixed(1)},${py(v).toFixed(1)}`).join(' ');
    // Legend under the plot, left of the axis caption, where no line can run.
    const legendX = x + 40 + k * 90;
    return (
      `<polyline points="${points}" fill="none" stroke="${s.color}" stroke-width="2"/>` +
      `<text x="${legendX}" y="${y + h - 8}" ${FONT} font-size="12" fill="${s.color}">&#8212; ${escapeXml(s.name)}</text>`
    );
  });
  return [
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="white" stroke="#ccc"/>`,
    `<text x="${x + w / 2}" y="${y + 18}" ${FONT} font-size="14" text-anchor="middle">${escapeXml(title)}</text>`,
    `<line x1="${x + 40}" y1="${py(lo)}" x2="${x + w - 10}" y2="${py(lo)}" stroke="#888"/>`,
    `<text x="${x + 36}" y="${py(hi) + 4}" ${FONT} font-size="10" text-anchor="end">${hi.toPrecision(3)}</text>`,
    `<text x="${x + 36}" y="${py(lo) + 4}" ${FONT} font-size="10" text-anchor="end">${lo.toPrecision(3)}</text>`,
    `<text x="${x + w - 10}" y="${y + h - 8}" ${FONT} font-size="11" text-anchor="end">epoch 1..${n}</text>`,
    ...lines,
  ].join('');
}

/** Learning curves: loss, accuracy and validation MAE per epoch, side by side. */
export function learningCurvesSvg(history: readonly EpochLog[], title = 'learning curves'): string {
  const pick = (key: keyof EpochLog): number[] => history.map((e) => e[key]);
  const panels = [
    linePanel(10, 40, 300, 260, 'loss', [
      { name: 'train', color: '#1f77b4', values: pick('loss') },
      { name: 'validation', color: '#d62728', values: pick('val_loss') },
    ]),
    linePanel(320, 40, 300, 260, 'accuracy', [
      { name: 'train', color: '#1f77b4', values: pick('accuracy') },
      { name: 'validation', color: '#d62728', values: pick('val_accuracy') },
    ]),
    linePanel(630, 40, 300, 260, 'validation MAE (rings)', [
      { name: 'validation', color: '#d62728', values: pick('val_mae') },
    ]),
  ];
  return svgDocument(940, 310, title, panels.join(''));
}

/** Confusion matrix heat map: rows are true classes, columns predicted ones. */
export function confusionMatrixSvg(
  matrix: readonly number[][],
  labels: readonly string[],
  title: string,
): string {
  const cell = 44;
  const left = 70;
  const top = 70;
  const max = Math.max(1, ...matrix.flat());
  const cells = matrix.flatMap((row, t) =>
    row.map((count, p) => {
      const shade = Math.round(255 - (count / max) * 200);
      const fill = t === p ? `rgb(${shade},${shade},255)` : `rgb(255,${shade},${shade})`;
      const cx = left + p * cell;
      const cy = top + t * cell;
      return (
        `<rect x="${cx}" y="${cy}" width="${cell}" height="${cell}" fill="${fill}" stroke="white"/>` +
        `<text x="${cx + cell / 2}" y="${cy + cell / 2 + 4}" ${FONT} font-size="12" text-anchor="middle">${count}</text>`
      );
    }),
  );
  const axes = labels.flatMap((label, k) => [
    `<text x="${left + k * cell + cell / 2}" y="${top - 8}" ${FONT} font-size="12" text-anchor="middle">${escapeXml(label)}</text>`,
    `<text x="${left - 8}" y="${top + k * cell + cell / 2 + 4}" ${FONT} font-size="12" text-anchor="end">${escapeXml(label)}</text>`,
  ]);
  const size = labels.length * cell;
  const captions =
    `<text x="${left + size / 2}" y="${top - 26}" ${FONT} font-size="12" text-anchor="middle">predicted rings</text>` +
    `<text x="16" y="${top + size / 2}" ${FONT} font-size="12" transform="rotate(-90 16 ${top + size / 2})" text-anchor="middle">true rings</text>`;
  return svgDocument(
    Math.max(left + size + 20, 560),
    top + size + 20,
    title,
    cells.join('') + axes.join('') + captions,
  );
}

function svgDocument(width: number, height: number, title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="white"/>` +
    `<text x="${width / 2}" y="24" ${FONT} font-size="16" font-weight="bold" text-anchor="middle">${escapeXml(title)}</text>` +
    `${body}</svg>`
  );
}

/** Render an SVG string to a PNG file. */
export async function writePng(svg: string, file: string): Promise<void> {
  await fs.writeFile(file, await sharp(Buffer.from(svg)).png().toBuffer());
}

/**
 * A grid of preprocessed images (ink 1 drawn black on white) with a caption
 * under each, as PNG bytes: a quick look at the data.
 * @param pixels images of size x size, image i at i * size * size
 */
export async function imageGridPng(
  pixels: Float32Array,
  size: number,
  captions: readonly string[],
  columns = 8,
): Promise<Buffer> {
  const count = captions.length;
  const cols = Math.min(columns, count);
  const rows = Math.ceil(count / cols);
  const cellW = size + 8;
  const cellH = size + 22;
  const width = cols * cellW;
  const height = rows * cellH;
  const raw = Buffer.alloc(width * height, 255);
  for (let i = 0; i < count; i++) {
    const left = (i % cols) * cellW + 4;
    const top = Math.floor(i / cols) * cellH + 4;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const ink = pixels[i * size * size + y * size + x];
        raw[(top + y) * width + left + x] = Math.round(255 * (1 - Math.min(1, Math.max(0, ink))));
      }
    }
  }
  const labels = captions.map((c, i) => {
    const x = (i % cols) * cellW + cellW / 2;
    const y = Math.floor(i / cols) * cellH + size + 18;
    return `<text x="${x}" y="${y}" ${FONT} font-size="12" text-anchor="middle">${escapeXml(c)}</text>`;
  });
  const overlay = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${labels.join('')}</svg>`,
  );
  return sharp(raw, { raw: { width, height, channels: 1 } })
    .composite([{ input: overlay }])
    .png()
    .toBuffer();
}
