// REST roots below the tracking URI.

/** Tracking and registry endpoints, e.g. `${trackingApi}/runs/get`. */
export const trackingApi = '/api/2.0/mlflow';

/** The artifact proxy (`mlflow-artifacts:` URIs). */
export const artifactsApi = '/api/2.0/mlflow-artifacts/artifacts';
