// Test fixture: tiny models logged to the real MLflow server and registered as
// versions of a fresh registered model, the way training does (or not quite).
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createMlflowClient, readMlflowConfig } from '@rings/mlflow-client';
import { readModelMetadata, sha256Tags } from '@rings/ring-model';
import {
  writeTinyModel,
  type TinyModelOptions,
} from '../../../../packages/ring-model/src/store/__tests__/tiny-model';
import { VERSION_NAME_TAG } from '../mlflow-source';

export interface RegisterOptions extends Partial<TinyModelOptions> {
  /** Tag the version with its name and its files' sha256, as training does (default true). */
  tagged?: boolean;
  /** Replace or add tags (e.g. a wrong ring.sha256.weights.bin). */
  tags?: Record<string, string>;
  /** Change the exported folder before it is logged (extra files, an edited model.json). */
  edit?: (dir: string) => Promise<void>;
}

/** A fresh registered model on the test server, and a way to add versions to it. */
export function testRegistry(root: string) {
  const client = createMlflowClient(readMlflowConfig());
  const modelName = `ring-counter-test-${randomBytes(4).toString('hex')}`;
  return {
    client,
    modelName,
    /** Log a tiny model as a run's model/ artifacts and register it; returns the registry version. */
    async register(version: string, options: RegisterOptions = {}): Promise<string> {
      const dir = path.join(root, 'export', version);
      await writeTinyModel(dir, { version, ...options });
      const { file_sha256: recorded } = await readModelMetadata(dir);
      await options.edit?.(dir);
      const tags =
        options.tagged === false ? {} : { [VERSION_NAME_TAG]: version, ...sha256Tags(recorded ?? {}) };
      await client.registry.ensureRegisteredModel(modelName);
      return client.withRun({ experimentName: 'update-models-test' }, async (run) => {
        await run.logArtifacts(dir, 'model');
        const mv = await client.registry.createModelVersion({
          name: modelName,
          source: `${run.artifactUri}/model`,
          runId: run.runId,
          tags: { ...tags, ...options.tags },
        });
        await fs.rm(dir, { recursive: true, force: true });
        return mv.version;
      });
    },
  };
}
