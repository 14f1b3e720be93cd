// REST roots below the tracking URI.

/** Tracking and registry endpoints, e.g. `${trackingApi}/runs/get`. */
export const trackingApi = '/api/2.0/mlflow';

/** The artifact proxy (`mlflow-artifacts:` URIs). */
export const artifactsApi = '/api/2.0/mlflow-artifacts/artifacts';

/** Stringify param and tag values into MLflow's `{key, value}` pairs. */
export function toKeyValues(
  values: Record<string, string | number | boolean> = {},
): { key: string; value: string }[] {
  return Object.entries(values).map(([key, value]) => ({ key, value: String(value) }));
}
