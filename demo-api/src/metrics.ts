import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The API's Prometheus metrics (base units, counters end in _total). One registry per app. */
export interface ApiMetrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  predictions: Counter<'model_version' | 'class'>;
  inferenceSeconds: Histogram<'model_version'>;
  queueSeconds: Histogram;
  batchSize: Histogram;
  modelLoads: Counter<'outcome'>;
  modelSwaps: Counter;
  modelServing: Gauge<'model_version'>;
  inferenceThreadExits: Counter;
}

const FAST_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Create the metrics on a fresh registry, with the default process metrics. */
export function createMetrics(): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: FAST_SECONDS,
      registers,
    }),
    predictions: new Counter({
      name: 'predictions_total',
      help: 'Predicted images by model version and predicted class',
      labelNames: ['model_version', 'class'],
      registers,
    }),
    inferenceSeconds: new Histogram({
      name: 'model_inference_duration_seconds',
      help: 'Duration of one batched model call',
      labelNames: ['model_version'],
      buckets: FAST_SECONDS,
      registers,
    }),
    queueSeconds: new Histogram({
      name: 'prediction_queue_wait_seconds',
      help: 'Time an image waited for its micro-batch to start',
      buckets: FAST_SECONDS,
      registers,
    }),
    batchSize: new Histogram({
      name: 'prediction_batch_size',
      help: 'Images per batched model call',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers,
    }),
    modelLoads: new Counter({
      name: 'model_load_events_total',
      help: 'Model versions loaded (outcome=loaded) or refused (outcome=refused)',
      labelNames: ['outcome'],
      registers,
    }),
    modelSwaps: new Counter({
      name: 'model_swaps_total',
      help: 'Switches of the serving model version',
      registers,
    }),
    modelServing: new Gauge({
      name: 'model_serving_info',
      help: 'The serving model version (value 1)',
      labelNames: ['model_version'],
      registers,
    }),
    inferenceThreadExits: new Counter({
      name: 'inference_thread_exits_total',
      help: 'Unexpected stops of the thread that runs the models (each is followed by a reload)',
      registers,
    }),
  };
}
