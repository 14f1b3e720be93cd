// A grid of preprocessed images, a quick look at the data (a picture, not a chart).
import sharp from 'sharp';

const escapeXml = (s: string): string =>
  s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

/**
 * A grid of preprocessed images (ink 1 drawn black on white) with a caption
 * under each, as PNG bytes.
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
  // captions as SVG text over the raw pixels (sharp draws it through fontconfig)
  const labels = captions.map((c, i) => {
    const x = (i % cols) * cellW + cellW / 2;
    const y = Math.floor(i / cols) * cellH + size + 18;
    return `<text x="${x}" y="${y}" font-family="DejaVu Sans, sans-serif" font-size="12" text-anchor="middle">${escapeXml(c)}</text>`;
  });
  const overlay = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${labels.join('')}</svg>`,
  );
  return sharp(raw, { raw: { width, height, channels: 1 } })
    .composite([{ input: overlay }])
    .png()
    .toBuffer();
}
