// @rings/mlflow-server: a local MLflow tracking server for the demo, the tests
// and by hand (npm run mlflow -- start|stop|status).
export { startMlflowServer, waitForMlflow, pidFileIn } from './start-mlflow-server';
export type { MlflowServer, MlflowServerOptions } from './start-mlflow-server';
export { stopMlflowServer } from './stop-mlflow-server';
