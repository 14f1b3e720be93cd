// A SMILES drawn by RDKit in the SMILES worker, and that drawing as a PNG file.

/** How long RDKit may take to load and draw before the page gives up. */
const TIMEOUT_MS = 20_000;

/** @type {Worker | undefined} */
let worker;
let nextId = 0;
/** @type {Map<number, (reply: any) => void>} */
const waiting = new Map();

/** @param {string} name */
const meta = (name) =>
  /** @type {HTMLMetaElement} */ (document.querySelector(`meta[name="${name}"]`)).content;

/**
 * RDKit's drawing of smiles (an SVG string) and its ring count; throws with
 * RDKit's reason when it cannot read the SMILES.
 * @param {string} smiles
 * @returns {Promise<{ svg: string, numRings: number }>}
 */
export function drawSmiles(smiles) {
  if (!worker) {
    worker = new Worker('/assets/worker/smiles-worker.js');
    worker.onmessage = ({ data }) => {
      waiting.get(data.id)?.(data);
      waiting.delete(data.id);
    };
    worker.onerror = (event) => {
      for (const answer of waiting.values()) answer({ error: `the RDKit worker failed: ${event.message}` });
      waiting.clear();
    };
  }
  const id = nextId++;
  const reply = new Promise((resolve) => {
    waiting.set(id, resolve);
    setTimeout(() => {
      if (waiting.delete(id)) resolve({ error: `RDKit did not answer within ${TIMEOUT_MS / 1000} s` });
    }, TIMEOUT_MS);
  });
  worker.postMessage({ id, smiles, script: meta('rdkit-script'), wasm: meta('rdkit-wasm') });
  return reply.then((data) => {
    if (data.error) throw new Error(data.error);
    return { svg: data.svg, numRings: data.numRings };
  });
}

/** @param {string} svg */
export const svgDataUrl = (svg) => 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);

/**
 * Rasterise an RDKit SVG on white at its own size, as data-engineering does
 * (sharp there, the browser's canvas here).
 * @param {string} svg
 * @param {string} name the file name
 * @returns {Promise<File>}
 */
export async function svgToPng(svg, name) {
  const image = new Image();
  image.src = svgDataUrl(svg);
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0);
  const blob = await new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('the drawing could not be encoded'))),
      'image/png',
    ),
  );
  return new File([blob], name, { type: 'image/png' });
}
