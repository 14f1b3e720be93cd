import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  classLabels,
  DEFAULT_TRAINING_METHOD,
  parseModelMetadata,
  promoteVersion,
  saveModelFiles,
  type ModelMetadata,
} from '@rings/ring-model';
import sharp from 'sharp';
import { BenchError } from '../errors';
import { RAW_DATA_DIR } from '../paths';
import { writePeerModel } from '../peer-model';
import { buildArchitecture } from './train-parts';
import type { ArchitectureName } from '@rings/data-science';

/** A model store with two versions of one architecture, the first deployed, and the peer's spec. */
export interface ServeModels {
  storeDir: string;
  versions: [string, string];
  architecture: string;
  size: number;
  params: number;
  /** bench/peers/serve_fastapi.py reads this (PEER_SERVE_SPEC) */
  peerSpec: string;
}

function metadataFor(version: string, architecture: string, size: number, numClasses: number): ModelMetadata {
  return parseModelMetadata({
    schema_version: 1,
    name: 'ring-counter',
    version,
    created_at: new Date().toISOString(),
    input: { size, method: DEFAULT_TRAINING_METHOD },
    labels: { num_classes: numClasses, names: classLabels(numClasses) },
    training: {
      architecture,
      hyperparameters: {}, // untrained: built by the benchmark, no recipe
      dataset_version: 'bench',
    },
  });
}

/** Build two untrained models of the architecture, store and deploy the first, and describe it for the peer. */
export async function prepareServeModels(
  workDir: string,
  architecture: ArchitectureName,
): Promise<ServeModels> {
  const storeDir = path.join(workDir, 'store');
  const versions: [string, string] = [`bench-${architecture}-a`, `bench-${architecture}-b`];
  let described: Omit<ServeModels, 'storeDir' | 'versions' | 'architecture'> | undefined;
  for (const version of versions) {
    const model = buildArchitecture(architecture);
    try {
      const size = model.inputs[0].shape[1] as number;
      const numClasses = model.outputs[0].shape[1] as number;
      const source = path.join(workDir, 'models', version);
      await saveModelFiles(source, model, metadataFor(version, architecture, size, numClasses));
      await promoteVersion({ storeDir, version, sourceDir: source });
      if (!described) {
        const files = await writePeerModel(model, path.join(workDir, 'peer-model'));
        const peerSpec = path.join(workDir, 'peer-model', 'spec.json');
        await fs.writeFile(
          peerSpec,
          JSON.stringify({
            ...files,
            size,
            method: DEFAULT_TRAINING_METHOD,
            invert: true,
            num_classes: numClasses,
          }),
        );
        described = { size, params: files.params, peerSpec };
      }
    } finally {
      model.dispose();
    }
  }
  await promoteVersion({ storeDir, version: versions[0] });
  return { storeDir, versions, architecture, ...(described as NonNullable<typeof described>) };
}

/** A 300x300 PNG from the raw set: the image every request sends. */
export async function benchImage(): Promise<{ bytes: Buffer; name: string }> {
  const name = 'NSC2.png';
  const bytes = await fs.readFile(path.join(RAW_DATA_DIR, 'images', name)).catch(() => {
    throw new BenchError('NOT_BUILT', `not built yet: raw-data/images/${name} is missing (issue 3)`);
  });
  const meta = await sharp(bytes).metadata();
  if (meta.width !== 300 || meta.height !== 300) {
    throw new BenchError(
      'RUN_FAILED',
      `raw-data/images/${name} is ${meta.width}x${meta.height}, not 300x300`,
    );
  }
  return { bytes, name };
}
