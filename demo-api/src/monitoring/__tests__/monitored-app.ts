// A real app around a temporary store holding one small CNN whose metadata has
// a monitoring baseline computed on raw-data images, with monitoring wired in.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildMonitoringBaseline,
  classLabels,
  parseModelMetadata,
  predictImages,
  preprocessImage,
  promoteVersion,
  saveModelFiles,
  tf,
} from '@rings/ring-model';
import type { Express } from 'express';
import pino from 'pino';
import { createApp } from '../../app';
import { loadServerConfig } from '../../config';
import { createMetrics, type ApiMetrics } from '../../metrics';
import { ModelRegistry } from '../../model/model-registry';
import type { MonitoringService } from '../monitoring-service';
import { startMonitoring } from '../start-monitoring';

export const SIZE = 64;
const CLASSES = 7;

/**
 * A small CNN with fixed pseudo-random weights, so every run predicts the same.
 * The weights are made in JS: under jest, typed arrays from native ops fail
 * tfjs's instanceof checks when the model is saved.
 */
function buildModel(): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [SIZE, SIZE, 1],
        filters: 4,
        kernelSize: 5,
        strides: 2,
        activation: 'relu',
      }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: CLASSES, activation: 'softmax' }),
    ],
  });
  let state = 12345;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 0.2;
  const weights = model
    .getWeights()
    .map((w) => tf.tensor(Float32Array.from({ length: w.size }, next), w.shape));
  model.setWeights(weights);
  tf.dispose(weights);
  return model;
}

/** A store with version v1 deployed; its baseline comes from these validation PNGs. */
export async function makeStore(validationPngs: Buffer[]): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'monitoring-store-'));
  const images = await Promise.all(validationPngs.map((png) => preprocessImage(png, { size: SIZE })));
  const model = buildModel();
  const metadata = parseModelMetadata({
    schema_version: 1,
    name: 'ring-counter',
    version: 'v1',
    created_at: new Date().toISOString(),
    input: { size: SIZE },
    labels: { num_classes: CLASSES, names: classLabels(CLASSES) },
    training: { architecture: 'monitoring-test', hyperparameters: {}, dataset_version: 'raw-data' },
    metrics: { accuracy: 0.9 },
  });
  const source = path.join(root, 'export', 'v1');
  // Saved before predicting: under jest, a model that predicted cannot be saved (tfjs instanceof checks).
  await saveModelFiles(source, model, metadata);
  const monitoring = buildMonitoringBaseline(await predictImages(model, images), images);
  model.dispose();
  await fs.writeFile(path.join(source, 'metadata.json'), JSON.stringify({ ...metadata, monitoring }));
  await promoteVersion({ storeDir: path.join(root, 'store'), version: 'v1', sourceDir: source });
  return root;
}

export interface MonitoredApp {
  app: Express;
  monitoring: MonitoringService;
  metrics: ApiMetrics;
  /** Wait until the window holds this many predictions (the observer runs after each response). */
  observed(count: number): Promise<void>;
  close(): Promise<void>;
}

/** The API over root/store; log lines go into `logs` when given, nowhere otherwise. */
export async function startMonitoredApp(
  root: string,
  env: Record<string, string> = {},
  logs?: string[],
): Promise<MonitoredApp> {
  const config = loadServerConfig({ MODEL_STORE_DIR: path.join(root, 'store'), ...env });
  const logger = pino({ level: logs ? 'info' : 'silent' }, { write: (line: string) => logs?.push(line) });
  const metrics = createMetrics();
  const batching = { maxBatchSize: 32, windowMs: 1, queueLimit: 1000 };
  const registry = new ModelRegistry({
    storeDir: config.MODEL_STORE_DIR,
    pollMs: 0,
    batching,
    logger,
    metrics,
  });
  await registry.start();
  const monitoring = await startMonitoring(config, { logger, registry, metrics });
  const app = createApp({ config, logger, metrics, registry, observer: monitoring.observe, monitoring });
  return {
    app,
    monitoring,
    metrics,
    observed: async (count) => {
      const deadline = Date.now() + 10_000;
      const seen = async () => (await monitoring.store.windows()).predictions('v1').length;
      while ((await seen()) < count && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    close: async () => {
      await monitoring.stop();
      await registry.stop();
    },
  };
}
