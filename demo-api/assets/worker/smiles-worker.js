// Draws a SMILES with RDKit MinimalLib, as the raw data was drawn
// (data-engineering's drawMolecule: get_svg at IMAGE_SIZE, RDKit's NumRings).
// A classic worker with its own CSP (see page-assets.ts): the embind loader
// needs Function(), which the pages themselves never get.
'use strict';

/** data-engineering's IMAGE_SIZE (a test checks they agree). */
const IMAGE_SIZE = 300;

/** @type {Promise<any> | undefined} */
let rdkit;

/**
 * Load RDKit once, from the URLs the page sends (versioned vendor files).
 * @param {string} script
 * @param {string} wasm
 */
function loadRdkit(script, wasm) {
  if (!rdkit) {
    importScripts(script);
    rdkit = self.initRDKitModule({ locateFile: () => wasm }).then((module) => {
      module.disable_logging();
      return module;
    });
  }
  return rdkit;
}

/**
 * @param {any} module
 * @param {string} smiles
 */
function draw(module, smiles) {
  const mol = module.get_mol(smiles);
  if (!mol) return { error: 'RDKit cannot read this SMILES' };
  try {
    if (!mol.is_valid()) return { error: 'RDKit cannot read this SMILES' };
    const { NumRings } = JSON.parse(mol.get_descriptors());
    return { svg: mol.get_svg(IMAGE_SIZE, IMAGE_SIZE), numRings: NumRings };
  } finally {
    mol.delete();
  }
}

self.onmessage = async ({ data }) => {
  try {
    const module = await loadRdkit(data.script, data.wasm);
    self.postMessage({ id: data.id, ...draw(module, String(data.smiles)) });
  } catch (err) {
    self.postMessage({ id: data.id, error: `RDKit failed to load or draw: ${err?.message ?? err}` });
  }
};
