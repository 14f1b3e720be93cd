import sharp from 'sharp';
import { imageGridPng } from './image-grid';

describe('imageGridPng', () => {
  it('when images are laid out, then the PNG has one captioned cell per image, ink dark on white', async () => {
    const pixels = new Float32Array(3 * 16 * 16);
    pixels.fill(1, 0, 16 * 16); // the first image is all ink
    const png = await imageGridPng(pixels, 16, ['3 rings', '0', '1'], 2);
    const image = sharp(png);
    expect(await image.metadata()).toMatchObject({ format: 'png', width: 2 * 24, height: 2 * 38 });
    const { data, info } = await image.greyscale().raw().toBuffer({ resolveWithObject: true });
    expect(data[(4 + 8) * info.width + 4 + 8]).toBeLessThan(10);
    expect(data[(4 + 8) * info.width + 24 + 4 + 8]).toBeGreaterThan(245);
  });
});
