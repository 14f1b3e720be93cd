import { INFERENCE_DEFAULTS } from '@rings/demo-api';
import { z } from 'zod';
import { rotated, type BenchContext, type Outcome } from '../benchmark';
import { BenchError } from '../errors';
import { makeFigure, makeRatio, type FigureSpec } from '../figures';
import { multipartImage, runLoad, type LoadResult } from '../load';
import type { Server } from '../processes';
import type { Figure } from '../results';
import { DEFAULT_MODEL } from './bench-models';
import { benchModelCost } from './model-cost';
import { describeShape } from './model-shape';
import { loadDuringPromotions, measureMemory } from './serve-memory';
import { measureModelLimit } from './serve-limit';
import { PEER_TF_THREADS, PEER_WORKERS, startOurApi, startPeerApi } from './serve-servers';
import { benchImage, CALIBRATION_IMAGES, prepareServeModels } from './serve-setup';

type Side = 'ours' | 'peer';
type Request = { body: Buffer; contentType: string };

/** Batch sizes tried for the in-process limit: small ones and the API's largest micro-batch. */
export const LIMIT_BATCH_SIZES = [...new Set([4, 8, 16, INFERENCE_DEFAULTS.BATCH_MAX_SIZE])].sort(
  (a, b) => a - b,
);
const PROMOTIONS = 20;

const predictionSchema = z.object({ prediction: z.number().int(), probabilities: z.array(z.number()) });
type Prediction = z.infer<typeof predictionSchema>;

/** One POST /predict/ that must succeed; its prediction, to check both sides compute the same model. */
async function predictOnce(server: Server, request: Request, name: string): Promise<Prediction> {
  const res = await fetch(`${server.url}/predict/`, {
    method: 'POST',
    headers: { 'content-type': request.contentType },
    body: request.body,
  });
  const text = await res.text();
  const parsed = predictionSchema.safeParse(res.status === 200 ? JSON.parse(text) : null);
  if (!parsed.success) {
    throw new BenchError(
      'RUN_FAILED',
      `${name} answered ${res.status} to POST /predict/: ${text.slice(0, 500)}`,
    );
  }
  return parsed.data;
}

function describeAgreement(ours: Prediction, peer: Prediction): string {
  const diff = Math.max(...ours.probabilities.map((p, k) => Math.abs(p - (peer.probabilities[k] ?? 0))));
  const classes =
    ours.prediction === peer.prediction
      ? `both predict class ${ours.prediction}`
      : `ours predicts class ${ours.prediction}, the peer ${peer.prediction}`;
  return `same model check: ${classes}; largest probability difference ${diff.toFixed(4)} (our preprocessing vs Pillow)`;
}

interface Samples {
  rps: number[];
  p50: number[];
  p99: number[];
  failed: number;
  /** count per failure kind (HTTP status, errors, timeouts) */
  failures: Record<string, number>;
}

/** "503: 12, errors: 3": the failures of load runs, for notes. */
function describeFailures(statuses: Record<string, number>): string {
  return Object.entries(statuses)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, n]) => `${code}: ${n}`)
    .join(', ');
}

function record(samples: Samples, r: LoadResult): void {
  samples.rps.push(r.rps);
  samples.p50.push(r.p50Ms);
  samples.p99.push(r.p99Ms);
  samples.failed += r.failed;
  for (const [code, n] of Object.entries(r.statuses)) {
    if (!code.startsWith('2')) samples.failures[code] = (samples.failures[code] ?? 0) + n;
  }
}

/** Interleaved load runs: per repetition, per concurrency, both servers in rotating order. */
async function compareUnderLoad(
  ctx: BenchContext,
  servers: Record<Side, Server>,
  request: Request,
): Promise<Record<string, Samples>> {
  const s = ctx.settings.serve;
  const samples: Record<string, Samples> = {};
  for (const side of ['ours', 'peer'] as const) {
    await runLoad({
      url: `${servers[side].url}/predict/`,
      connections: 16,
      durationSeconds: s.warmupSeconds,
      maxRequests: s.maxRequests,
      ...request,
    });
  }
  for (let rep = 0; rep < ctx.settings.repetitions; rep++) {
    for (const [ci, c] of s.concurrency.entries()) {
      for (const side of rotated<Side>(['ours', 'peer'], rep + ci)) {
        const r = await runLoad({
          url: `${servers[side].url}/predict/`,
          connections: c,
          durationSeconds: s.seconds,
          maxRequests: s.maxRequests,
          ...request,
        });
        const key = `${side}.c${c}`;
        samples[key] ??= { rps: [], p50: [], p99: [], failed: 0, failures: {} };
        record(samples[key], r);
        ctx.log(
          `serve ${side} c=${c} #${rep + 1}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms${r.failed ? `, ${r.failed} failed` : ''}`,
        );
      }
    }
  }
  return samples;
}

function loadFigures(
  samples: Record<string, Samples>,
  concurrency: number[],
): { figures: Figure[]; byKey: Map<string, Figure> } {
  const figures: Figure[] = [];
  const byKey = new Map<string, Figure>();
  const who: Record<Side, string> = {
    ours: 'ours: demo-api',
    peer: `peer: FastAPI + Keras (${PEER_WORKERS} workers)`,
  };
  for (const c of concurrency) {
    for (const side of ['ours', 'peer'] as const) {
      const s = samples[`${side}.c${c}`];
      const base = { side, better: 'lower' as const, unit: 'ms' };
      const specs: [string, FigureSpec, number[]][] = [
        [
          'rps',
          {
            ...base,
            id: `serve.${side}.c${c}.rps`,
            label: `${who[side]}, POST /predict/ c=${c}`,
            unit: 'requests/s',
            better: 'higher',
          },
          s.rps,
        ],
        ['p50', { ...base, id: `serve.${side}.c${c}.p50`, label: `${who[side]}, p50 latency c=${c}` }, s.p50],
        ['p99', { ...base, id: `serve.${side}.c${c}.p99`, label: `${who[side]}, p99 latency c=${c}` }, s.p99],
      ];
      for (const [metric, spec, values] of specs) {
        const goal =
          side === 'ours' && c === 16 && metric === 'p99' ? { op: '<=' as const, target: 50 } : null;
        const figure = makeFigure(spec, values, goal);
        figures.push(figure);
        byKey.set(`${side}.c${c}.${metric}`, figure);
      }
    }
  }
  return { figures, byKey };
}

/**
 * POST /predict/ with the same 300x300 PNG: our API vs the FastAPI + Keras peer at
 * each concurrency, interleaved, serving the default recipe's model; the model's
 * in-process batched limit; its cost against v5's; resident memory after 1,000
 * and 10,000 requests; failed requests during promotions.
 */
export async function benchServe(ctx: BenchContext): Promise<Outcome> {
  const s = ctx.settings.serve;
  const image = await benchImage();
  const request = multipartImage(image.bytes);
  const models = await prepareServeModels(ctx.workDir, DEFAULT_MODEL);
  const servers: Partial<Record<Side, Server>> = {};
  let samples: Record<string, Samples>;
  let agreement: string;
  try {
    servers.ours = await startOurApi(models.storeDir);
    servers.peer = await startPeerApi(models.peerSpec);
    agreement = describeAgreement(
      await predictOnce(servers.ours, request, 'demo-api'),
      await predictOnce(servers.peer, request, 'the FastAPI peer'),
    );
    samples = await compareUnderLoad(ctx, servers as Record<Side, Server>, request);
  } finally {
    await Promise.all(Object.values(servers).map((srv) => srv.stop()));
  }
  const { figures, byKey } = loadFigures(samples, s.concurrency);
  const fig = (key: string): Figure => byKey.get(key) as Figure;

  const limit = await measureModelLimit(models.storeDir, models.versions[0], image.bytes, {
    batchSizes: LIMIT_BATCH_SIZES,
    images: s.limitImages,
    repetitions: ctx.settings.repetitions,
    mode: INFERENCE_DEFAULTS.INFERENCE_MODE,
  });
  const best = `${limit.inference.mode}, batches of ${limit.batchSize}, the best of ${LIMIT_BATCH_SIZES.join(', ')}`;
  const limitFig = makeFigure(
    {
      id: 'serve.limit.predict',
      label: `limit: model predict in-process (${best})`,
      side: 'limit',
      unit: 'images/s',
      better: 'higher',
    },
    limit.predict,
  );
  const limitDecodeFig = makeFigure(
    {
      id: 'serve.limit.decode_predict',
      label: `limit: preprocess (the model's method) + predict in-process (batches of ${limit.batchSize})`,
      side: 'limit',
      unit: 'images/s',
      better: 'higher',
    },
    limit.decodeAndPredict,
  );
  const byBatch = Object.entries(limit.byBatchSize)
    .map(([b, v]) => `${b}: ${v.toFixed(1)}`)
    .join(', ');

  const cost = await benchModelCost(ctx, image.bytes);
  const extra = await memoryAndPromotions(ctx, models.storeDir, models.versions, request);
  const ratios = [
    ...s.concurrency.map((c) =>
      makeRatio(
        `serve.c${c}.rps_vs_peer`,
        `requests/s at c=${c}: ours / FastAPI peer`,
        fig(`ours.c${c}.rps`),
        fig(`peer.c${c}.rps`),
        c >= 16 ? { op: '>=', target: 2 } : null,
      ),
    ),
    ...s.concurrency.map((c) =>
      makeRatio(
        `serve.c${c}.p99_vs_peer`,
        `p99 latency at c=${c}: ours / FastAPI peer (lower is better)`,
        fig(`ours.c${c}.p99`),
        fig(`peer.c${c}.p99`),
        c >= 16 ? { op: '<=', target: 1 } : null,
      ),
    ),
    makeRatio(
      'serve.c64.rps_vs_limit',
      'requests/s at c=64 / model batched limit',
      fig('ours.c64.rps'),
      limitFig,
      { op: '>=', target: 0.7 },
    ),
    makeRatio(
      'serve.c64.rps_vs_decode_limit',
      'requests/s at c=64 / preprocess + predict limit',
      fig('ours.c64.rps'),
      limitDecodeFig,
    ),
    ...cost.ratios,
    ...extra.ratios,
  ];
  const failed = Object.entries(samples)
    .filter(([, v]) => v.failed > 0)
    .map(([k, v]) => `${k}: ${v.failed} failed requests (${describeFailures(v.failures)})`);
  return {
    figures: [...figures, limitFig, limitDecodeFig, ...cost.figures, ...extra.figures],
    ratios,
    notes: [
      `model: the default recipe's (${describeShape(models.shape)}: data-science's DEFAULT_ARCHITECTURE at TRAINING_RECIPE_DEFAULTS.imageSize; ${models.params.toLocaleString('en-US')} parameters), untrained weights (speed does not depend on them) whose batch norm statistics are set from ${CALIBRATION_IMAGES} raw images, so its output depends on the image, the same weights on both sides`,
      `image: raw-data/images/${image.name} (300x300 PNG, ${image.bytes.length} bytes); autocannon from the harness process, ${s.seconds} s per run (at most ${s.maxRequests} requests), order rotated`,
      `peer: uvicorn ${PEER_WORKERS} workers (one per core), uvloop + httptools, async endpoint, tf.function with a fixed signature, TensorFlow threads ${PEER_TF_THREADS > 0 ? `${PEER_TF_THREADS} per worker` : 'at its default (one per core)'}; this beat one thread per worker and a single worker in a trial here`,
      'ours: demo-api defaults (NODE_ENV=production, LOG_LEVEL=warn) except RATE_LIMIT_PREDICT_PER_MINUTE=0: one load generator address stands in for many clients',
      agreement,
      `model limit, predict images/s by batch size: ${byBatch}; the API's micro-batches are at most ${INFERENCE_DEFAULTS.BATCH_MAX_SIZE}; it predicts as the API does by default: ${limit.inference.mode} (${limit.inference.why})`,
      ...(failed.length > 0 ? [`failed requests: ${failed.join('; ')}`] : []),
      ...cost.notes,
      ...extra.notes,
    ],
  };
}

async function memoryAndPromotions(
  ctx: BenchContext,
  storeDir: string,
  versions: [string, string],
  request: Request,
): Promise<Outcome> {
  const [first, second] = ctx.settings.serve.memoryCheckpoints;
  const server = await startOurApi(storeDir);
  try {
    const mem = await measureMemory(server, request, [first, second]);
    ctx.log(
      `serve memory: ${mem.first.at(-1)?.toFixed(0)} MiB after ${mem.sent[0]}, ${mem.second.at(-1)?.toFixed(0)} MiB after ${mem.sent[1]}`,
    );
    const promo = await loadDuringPromotions(server, request, storeDir, versions, PROMOTIONS);
    const promoFailures =
      promo.load.failed > 0
        ? [`during promotions: ${describeFailures(promo.load.statuses)}; the API ${server.describe()}`]
        : [];
    ctx.log(
      `serve promotions: ${promo.promoted} promotions, ${promo.load.ok} ok, ${promo.load.failed} failed ${promoFailures.join('')}`,
    );
    const unit = 'MiB';
    const a = makeFigure(
      {
        id: 'serve.memory.first',
        label: `ours: API resident memory after ${first.toLocaleString('en-US')} requests`,
        side: 'ours',
        unit,
        better: 'lower',
      },
      mem.first,
    );
    const b = makeFigure(
      {
        id: 'serve.memory.second',
        label: `ours: API resident memory after ${second.toLocaleString('en-US')} requests`,
        side: 'ours',
        unit,
        better: 'lower',
      },
      mem.second,
    );
    const failed = makeFigure(
      {
        id: 'serve.promotions.failed',
        label: `ours: failed requests during ${promo.promoted} promotions at c=16`,
        side: 'ours',
        unit: 'requests',
        better: 'lower',
      },
      [promo.load.failed],
      { op: '<=', target: 0 },
    );
    const rps = makeFigure(
      {
        id: 'serve.promotions.rps',
        label: `ours: requests/s at c=16 during ${promo.promoted} promotions`,
        side: 'ours',
        unit: 'requests/s',
        better: 'higher',
      },
      [promo.load.rps],
    );
    return {
      figures: [a, b, failed, rps],
      ratios: [
        makeRatio(
          'serve.memory.growth',
          `resident memory after ${second.toLocaleString('en-US')} / after ${first.toLocaleString('en-US')} requests`,
          b,
          a,
          { op: '<=', target: 1.1 },
        ),
      ],
      notes: [
        ...promoFailures,
        `memory: a fresh API process, requests at c=16; ${mem.sent[1]} sent in all; RSS read from /proc three times, 200 ms apart`,
      ],
    };
  } finally {
    await server.stop();
  }
}
