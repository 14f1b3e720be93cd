// What an upload will cost to decode, read from its header only: never decodes.
import sharp from 'sharp';
import { sniffImageType } from './image-type';

const PNG_IHDR = Buffer.from('IHDR', 'latin1');

/** A PNG's width x height from its IHDR chunk (always the first chunk), or null. */
function pngPixels(bytes: Buffer): number | null {
  if (bytes.length < 24 || !bytes.subarray(12, 16).equals(PNG_IHDR)) return null;
  return bytes.readUInt32BE(16) * bytes.readUInt32BE(20);
}

async function headerPixels(bytes: Buffer): Promise<number | null> {
  const type = sniffImageType(bytes);
  if (type === 'png') return pngPixels(bytes);
  // Other types are refused (415) before decoding: nothing to charge, nothing to parse.
  if (type !== 'jpeg' && type !== 'webp') return 0;
  // metadata() reads the header on libuv's pool without decoding pixels.
  const meta = await sharp(bytes, { failOn: 'none', limitInputPixels: false })
    .metadata()
    .catch(() => null);
  return meta?.width && meta.height ? meta.width * meta.height : null;
}

/**
 * The pixels decoding this image would produce. Images over maxInputPixels and
 * images whose header cannot be read cost 0: the decoder refuses them at the
 * header, before any pixel work.
 */
export async function decodeCost(bytes: Buffer, maxInputPixels: number): Promise<number> {
  const pixels = await headerPixels(bytes);
  return pixels === null || pixels > maxInputPixels ? 0 : pixels;
}
