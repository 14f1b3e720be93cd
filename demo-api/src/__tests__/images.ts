// Test images: 2D-drawing-like PNGs and the bad inputs the API must refuse.
import sharp from 'sharp';

/** A white canvas with a black ring-ish square in the middle. */
export async function drawing(
  options: { width?: number; height?: number; format?: 'png' | 'jpeg' | 'webp' | 'gif' } = {},
): Promise<Buffer> {
  const width = options.width ?? 300;
  const height = options.height ?? 300;
  const side = Math.max(2, Math.floor(Math.min(width, height) / 3));
  const square = await sharp({ create: { width: side, height: side, channels: 3, background: '#000000' } })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite([
      { input: square, left: Math.floor((width - side) / 2), top: Math.floor((height - side) / 2) },
    ])
    .toFormat(options.format ?? 'png')
    .toBuffer();
}

/** A PNG whose bytes stop halfway: the right magic number, undecodable content. */
export async function truncatedPng(): Promise<Buffer> {
  const png = await drawing();
  return png.subarray(0, Math.floor(png.length / 2));
}
