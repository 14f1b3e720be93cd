import { loadModelFiles, type LoadedModel } from '../model-files';
import { predictImages } from '../predict';
import { ModelStoreError } from './errors';
import { assertWeightsComplete } from './weights-check';

function assertSaneProbabilities(probabilities: number[], numClasses: number): void {
  const sum = probabilities.reduce((a, b) => a + b, 0);
  if (probabilities.length !== numClasses || !probabilities.every(Number.isFinite)) {
    throw new Error(
      `the smoke prediction gave [${probabilities.join(', ')}], not ${numClasses} finite probabilities`,
    );
  }
  if (Math.abs(sum - 1) > 1e-3) {
    throw new Error(
      `the smoke prediction's probabilities sum to ${sum}, not 1 (is the last layer a softmax?)`,
    );
  }
}

/**
 * Load a model folder and warm it with one prediction on a blank image. Refuses
 * (ModelStoreError MODEL_INVALID, nothing left allocated) a folder that does not
 * load, whose metadata names another version, or whose prediction is not a
 * probability vector. The caller owns and disposes the returned model.
 */
export async function loadWarmModel(dir: string, expectedVersion?: string): Promise<LoadedModel> {
  let loaded: LoadedModel | undefined;
  try {
    await assertWeightsComplete(dir);
    loaded = await loadModelFiles(dir);
    const { metadata } = loaded;
    if (expectedVersion !== undefined && metadata.version !== expectedVersion) {
      throw new Error(`metadata.json names version ${metadata.version}, not ${expectedVersion}`);
    }
    const size = metadata.input.size;
    const [prediction] = await predictImages(loaded.model, [{ size, pixels: new Float32Array(size * size) }]);
    assertSaneProbabilities(prediction.probabilities, metadata.labels.num_classes);
    return loaded;
  } catch (err) {
    loaded?.model.dispose();
    const what = expectedVersion === undefined ? dir : `version ${expectedVersion}`;
    throw new ModelStoreError('MODEL_INVALID', `${what} is not a usable model: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/** Check a model folder loads and predicts, then free it. */
export async function assertModelUsable(dir: string, expectedVersion?: string): Promise<void> {
  const loaded = await loadWarmModel(dir, expectedVersion);
  loaded.model.dispose();
}
