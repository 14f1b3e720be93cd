import sharp from 'sharp';
import { onWhitePaper, paperLightness } from './paper-white';
import { preprocessImage } from './preprocess';

/** Two dark hexagon-ish rings drawn as SVG on a page of the given colour, as a 300x300 PNG. */
function rings(page: string, ink: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300">
    <rect width="300" height="300" fill="${page}"/>
    <g fill="none" stroke="${ink}" stroke-width="3">
      <polygon points="90,100 130,77 170,100 170,146 130,169 90,146"/>
      <polygon points="170,146 210,123 250,146 250,192 210,215 170,192"/>
    </g></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const maxDifference = (a: Float32Array, b: Float32Array) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

describe('paperLightness', () => {
  it('when most of the plane is paper, then it is the paper, whatever the ink', () => {
    const light = Uint8Array.from({ length: 101 }, (_, i) => (i < 40 ? 10 + i : 230));
    expect(paperLightness({ light, width: 101, height: 1 })).toBe(230);
  });

  it('when the count is even, then the lower median', () => {
    expect(paperLightness({ light: Uint8Array.of(5, 9, 200, 250), width: 2, height: 2 })).toBe(9);
  });

  it('when planes are white, tinted or mixed, of any length and alignment, then it is the sorted middle value', () => {
    let state = 12345;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 300; trial++) {
      const length = 1 + Math.floor(random() * 64);
      const paper = random() < 0.5 ? 255 : 180 + Math.floor(random() * 75);
      const whiteShare = random();
      const backing = new Uint8Array(length + 3);
      for (let i = 0; i < backing.length; i++) {
        backing[i] = random() < whiteShare ? paper : Math.floor(random() * 256);
      }
      // a view that starts off a 4-byte boundary half of the time
      const light = backing.subarray(trial % 4, (trial % 4) + length);
      const sorted = Array.from(light).sort((a, b) => a - b);
      expect(paperLightness({ light, width: length, height: 1 })).toBe(sorted[(length - 1) >> 1]);
    }
  });

  it('when white fills exactly the upper half, then it is white; one pixel less, then the value below', () => {
    const light = new Uint8Array(8).fill(255);
    light.fill(40, 0, 3); // 5 of 8 white: sorted index 3 is white
    expect(paperLightness({ light, width: 8, height: 1 })).toBe(255);
    light[3] = 41; // 4 of 8 white: sorted index 3 is 41
    expect(paperLightness({ light, width: 8, height: 1 })).toBe(41);
  });
});

describe('onWhitePaper', () => {
  it('when the page is white or dark, then the plane comes back as it is', () => {
    const white = { light: Uint8Array.of(255, 255, 0), width: 3, height: 1 };
    const dark = { light: Uint8Array.of(20, 20, 255), width: 3, height: 1 };
    expect(onWhitePaper(white)).toBe(white);
    expect(onWhitePaper(dark)).toBe(dark);
  });

  it('when the page is grey, then the paper becomes white and darker values scale with it', () => {
    const grey = { light: Uint8Array.of(204, 204, 204, 102, 0), width: 5, height: 1 };
    expect(Array.from(onWhitePaper(grey).light)).toEqual([255, 255, 255, 128, 0]);
  });
});

describe('preprocessImage with paper-white-linear', () => {
  it.each([
    ['cream', '#fff7db'],
    ['grey', '#e6e6e6'],
    ['pale blue', '#e0edff'],
  ])(
    'when a drawing is on %s paper, then the model input is the one on white (and decode-then-linear reads ink everywhere)',
    async (_, page) => {
      const size = 80;
      const onWhite = await preprocessImage(await rings('#ffffff', '#000000'), {
        method: 'paper-white-linear',
        size,
      });
      const tinted = await rings(page, '#000000');
      const balanced = await preprocessImage(tinted, { method: 'paper-white-linear', size });
      const plain = await preprocessImage(tinted, { method: 'decode-then-linear', size });
      expect(maxDifference(balanced.pixels, onWhite.pixels)).toBeLessThan(0.02);
      // without it, the page itself is ink: 0.04 to 0.1 on every background pixel
      expect(plain.pixels[0]).toBeGreaterThan(0.03);
      expect(balanced.pixels[0]).toBe(0);
    },
  );
});
