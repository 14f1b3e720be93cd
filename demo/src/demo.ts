import type { DemoConfig } from './config';
import { demoPaths, type DemoPaths } from './paths';

/** What the steps share: the settings, the folder, and what earlier steps started. */
export interface Demo {
  config: DemoConfig;
  paths: DemoPaths;
  /** set by the MLflow step */
  trackingUri?: string;
  /** set by the MLflow step: the registered model name the commands use, when not their default */
  modelName?: string;
  /** set by the API step */
  apiUrl?: string;
  /** stop what the steps started (MLflow, the API), last started first */
  cleanups: (() => Promise<void>)[];
}

/** One named step of the walkthrough. */
export interface DemoStep {
  title: string;
  /** one line on why, printed under the title */
  why?: string;
  run(demo: Demo): Promise<void>;
}

export function createDemo(config: DemoConfig): Demo {
  return { config, paths: demoPaths(config.dir), cleanups: [] };
}

/** The environment of the demo's commands: MLflow, the model store, the model name. */
export function commandEnv(demo: Demo): NodeJS.ProcessEnv {
  return {
    ...demo.config.childEnv,
    MODEL_STORE_DIR: demo.paths.store,
    ...(demo.trackingUri ? { MLFLOW_TRACKING_URI: demo.trackingUri } : {}),
    ...(demo.modelName ? { MODEL_NAME: demo.modelName } : {}),
  };
}

/** The running API's address; throws when the API step has not run. */
export function apiUrlOf(demo: Demo): string {
  if (!demo.apiUrl) throw new Error('the API is not started yet (the "Start the API" step comes first)');
  return demo.apiUrl;
}
