// The prediction page: pick or drop an image, POST it to /predict/, show the answer.
import { fetchJson, messageOf } from './api.js';
import { probabilitiesSpec } from '/assets/charts/prediction-specs.mjs';
import { renderChart } from './render-chart.js';
import { drawSmiles, svgDataUrl, svgToPng } from './smiles-drawing.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const input = /** @type {HTMLInputElement} */ ($('image-input'));
const zone = $('drop-zone');
const preview = /** @type {HTMLImageElement} */ ($('preview'));

/** @type {Map<string, Promise<string[] | null>>} class names per model version */
const labelsByVersion = new Map();

/** @param {string} version */
function classNames(version) {
  if (!labelsByVersion.has(version)) {
    const names = fetchJson(`/models/${encodeURIComponent(version)}`)
      .then((body) => body.metadata?.labels?.names ?? null)
      .catch(() => null);
    labelsByVersion.set(version, names);
  }
  return /** @type {Promise<string[] | null>} */ (labelsByVersion.get(version));
}

/** @param {string} text */
function showError(text) {
  $('error').textContent = text;
  $('error').hidden = false;
  $('result').hidden = true;
  $('status').textContent = '';
}

/** @param {File} file */
function showPreview(file) {
  const reader = new FileReader();
  reader.onload = () => {
    preview.src = String(reader.result);
    preview.alt = `the drawing sent: ${file.name}`;
    preview.hidden = false;
  };
  reader.readAsDataURL(file);
}

/** @param {any} answer the body of POST /predict/ */
async function showPrediction(answer) {
  const names = (await classNames(answer.model_version)) ?? [];
  const rows = answer.probabilities.map((/** @type {number} */ p, /** @type {number} */ k) => ({
    label: names[k] ?? String(k),
    probability: p,
    predicted: k === answer.prediction,
  }));
  $('predicted-count').textContent = answer.label;
  $('confidence').textContent = `${(answer.confidence * 100).toFixed(1)}%`;
  $('model-version').textContent = answer.model_version;
  $('request-id').textContent = answer.request_id;
  $('result').hidden = false;
  const rings = answer.label === '1' ? 'ring' : 'rings';
  $('status').textContent = `${answer.label} ${rings}, ${(answer.confidence * 100).toFixed(0)}% confident`;
  await renderChart($('probabilities-chart'), probabilitiesSpec(rows));
}

/**
 * @param {File} file
 * @param {number | null} rdkitCount RDKit's ring count, for a drawn SMILES
 */
async function predict(file, rdkitCount = null) {
  $('error').hidden = true;
  $('status').textContent = `Counting the rings of ${file.name}…`;
  $('rdkit-figure').hidden = rdkitCount === null;
  $('rdkit-count').textContent = String(rdkitCount);
  if (rdkitCount === null) showPreview(file);
  const form = new FormData();
  form.append('image', file, file.name);
  try {
    await showPrediction(await fetchJson('/predict/', { method: 'POST', body: form }));
  } catch (err) {
    showError(`The API refused ${file.name}: ${messageOf(err)}`);
  }
}

/** @param {string} smiles */
async function predictSmiles(smiles) {
  $('error').hidden = true;
  $('status').textContent = 'Drawing with RDKit…';
  try {
    const { svg, numRings } = await drawSmiles(smiles);
    preview.src = svgDataUrl(svg);
    preview.alt = `RDKit's drawing of ${smiles}`;
    preview.hidden = false;
    await predict(await svgToPng(svg, 'smiles.png'), numRings);
  } catch (err) {
    showError(`${smiles}: ${messageOf(err)}`);
  }
}

$('smiles-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const smiles = /** @type {HTMLInputElement} */ ($('smiles-input')).value.trim();
  if (smiles) void predictSmiles(smiles);
});

input.addEventListener('change', () => {
  const file = input.files?.[0];
  if (file) void predict(file);
});
zone.addEventListener('dragover', (event) => {
  event.preventDefault();
  zone.classList.add('over');
});
zone.addEventListener('dragleave', () => zone.classList.remove('over'));
zone.addEventListener('drop', (event) => {
  event.preventDefault();
  zone.classList.remove('over');
  const file = event.dataTransfer?.files[0];
  if (file) void predict(file);
});

fetchJson('/')
  .then((welcome) => {
    $('serving-version').textContent = welcome.model_version ?? 'nothing yet (promote a version)';
  })
  .catch((err) => {
    $('serving-version').textContent = `unknown (${messageOf(err)})`;
  });
