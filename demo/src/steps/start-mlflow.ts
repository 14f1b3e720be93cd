import { startMlflowServer, waitForMlflow } from '@rings/mlflow-server';
import type { Demo, DemoStep } from '../demo';

/** A registered model name of its own for each run, so that runs never collide in a shared registry. */
function runModelName(): string {
  return `ring-counter-demo-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
}

async function useExternalServer(demo: Demo, uri: string): Promise<void> {
  await waitForMlflow(uri, 10_000);
  demo.trackingUri = uri;
  demo.modelName = demo.config.modelName ?? runModelName();
  console.log(`   using MLFLOW_TRACKING_URI=${uri}`);
  if (!demo.config.modelName)
    console.log(`   registering as ${demo.modelName}: a new name each run (MODEL_NAME chooses one)`);
}

export const startMlflowStep: DemoStep = {
  title: 'Start MLflow',
  why: 'every training run, metric, artifact and model version is tracked there.',
  async run(demo) {
    if (demo.config.trackingUri) return useExternalServer(demo, demo.config.trackingUri);
    const server = await startMlflowServer({ dir: demo.paths.mlflow });
    demo.cleanups.push(server.stop);
    demo.trackingUri = server.uri;
    demo.modelName = demo.config.modelName;
    console.log(`   MLflow is up at ${server.uri} (log ${server.logFile})`);
  },
};
