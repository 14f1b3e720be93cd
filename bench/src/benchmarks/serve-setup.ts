import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  classLabels,
  DEFAULT_NUM_CLASSES,
  DEFAULT_TRAINING_METHOD,
  parseModelMetadata,
  promoteVersion,
  saveModelFiles,
  tf,
  type ModelMetadata,
} from '@rings/ring-model';
import sharp from 'sharp';
import { BenchError } from '../errors';
import { RAW_DATA_DIR } from '../paths';
import { writePeerModel } from '../peer-model';
import { buildShape } from './bench-models';
import { recalibrateBatchNorm } from '@rings/data-science';
import type { ModelShape } from './model-shape';
import { loadTrainingImages } from './train-data';

/** Raw images the untrained models' batch norms are calibrated on (data-science's recalibrateBatchNorm): an untrained v3 answers 1/K for every class otherwise, and the check that the peer computes our model could not fail. */
export const CALIBRATION_IMAGES = 16;

/** The first CALIBRATION_IMAGES raw images, preprocessed at the size: [n, size, size, 1]. */
async function calibrationBatch(size: number): Promise<tf.Tensor4D> {
  const images = await loadTrainingImages(CALIBRATION_IMAGES, size, DEFAULT_NUM_CLASSES);
  return tf.tensor4d(images.x, [images.count, size, size, 1]);
}

/** A model store with two versions of one model shape, the first deployed, and the peer's spec. */
export interface ServeModels {
  storeDir: string;
  versions: [string, string];
  shape: ModelShape;
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

/** Write the model's files for the FastAPI peer and the spec it reads. */
async function describeForPeer(
  model: tf.LayersModel,
  workDir: string,
  size: number,
): Promise<Pick<ServeModels, 'params' | 'peerSpec'>> {
  const files = await writePeerModel(model, path.join(workDir, 'peer-model'));
  const peerSpec = path.join(workDir, 'peer-model', 'spec.json');
  const numClasses = model.outputs[0].shape[1] as number;
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
  return { params: files.params, peerSpec };
}

/**
 * Build two untrained models of the shape (batch norms calibrated on raw
 * images), store and deploy the first, and describe it for the peer.
 */
export async function prepareServeModels(workDir: string, shape: ModelShape): Promise<ServeModels> {
  const storeDir = path.join(workDir, 'store');
  const { architecture, imageSize: size } = shape;
  const name = `bench-${architecture}-${size}`;
  const versions: [string, string] = [`${name}-a`, `${name}-b`];
  let described: Pick<ServeModels, 'params' | 'peerSpec'> | undefined;
  const calibration = await calibrationBatch(size);
  try {
    for (const version of versions) {
      const model = buildShape(shape);
      try {
        recalibrateBatchNorm(model, calibration);
        const numClasses = model.outputs[0].shape[1] as number;
        const source = path.join(workDir, 'models', version);
        await saveModelFiles(source, model, metadataFor(version, architecture, size, numClasses));
        await promoteVersion({ storeDir, version, sourceDir: source });
        described ??= await describeForPeer(model, workDir, size);
      } finally {
        model.dispose();
      }
    }
  } finally {
    calibration.dispose();
  }
  await promoteVersion({ storeDir, version: versions[0] });
  return { storeDir, versions, shape, ...(described as NonNullable<typeof described>) };
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
