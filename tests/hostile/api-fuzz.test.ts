// API fuzz: a seeded stream of bad requests against the real server on a real
// port. Every answer must be a 4xx with a JSON error body (200 only for a
// bit-flipped image that still decodes), the server must stay up, and memory
// and tensors must come back to their baseline.
import v8 from 'node:v8';
import vm from 'node:vm';
import { tf } from '@rings/ring-model';
import { startHostileApi, type HostileApi } from './support/api-server';
import {
  drawBadRequest,
  slowBody,
  slowHeaders,
  type BadRequestCase,
  type FuzzContext,
} from './support/bad-requests';
import { recordFigures } from './support/figures';
import { sampleImages } from './support/images';
import { FUZZ_SEED, fuzzCount, Random } from './support/random';
import { httpRequest, sendRaw, type RawAnswer } from './support/raw-http';

jest.setTimeout(300_000);

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const LIMITS = { maxUploadBytes: 256 * 1024, maxBatchImages: 8, requestTimeoutMs: 2000 };
const COUNT = fuzzCount(1000);
const SLOW = Math.max(2, Math.round(COUNT / 250));

/** Why an answer is wrong, or null when it is fine. */
function judge(c: BadRequestCase, a: RawAnswer): string | null {
  if (a.status === null) return `no answer (${a.error ?? 'closed'})`;
  if (a.status === 200 && c.mayPredict) return null;
  if (a.status < 400 || a.status > 499) return `status ${a.status}`;
  if (!/application\/json/.test(a.headers['content-type'] ?? ''))
    return `not JSON (${a.headers['content-type']})`;
  try {
    const body = JSON.parse(a.body) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string')
      return 'no {error: {code, message}}';
    if (/\n\s+at /.test(a.body)) return 'stack trace in the body';
  } catch {
    return `body is not JSON: ${a.body.slice(0, 80)}`;
  }
  return null;
}

async function runPool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

const rssMiB = () => process.memoryUsage().rss / 2 ** 20;

async function settle(api: HostileApi): Promise<void> {
  // In-flight predictions finish and their tensors are freed.
  for (let i = 0; i < 3; i++) {
    await sendRaw(api.port, { bytes: httpRequest('GET', '/healthz', {}) });
    gc();
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('API fuzz', () => {
  let api: HostileApi;
  let ctx: FuzzContext;
  beforeAll(async () => {
    api = await startHostileApi({
      env: {
        MAX_UPLOAD_BYTES: String(LIMITS.maxUploadBytes),
        MAX_BATCH_IMAGES: String(LIMITS.maxBatchImages),
        REQUEST_TIMEOUT_MS: String(LIMITS.requestTimeoutMs),
        RATE_LIMIT_PREDICT_PER_MINUTE: '0',
      },
    });
    ctx = { random: new Random(FUZZ_SEED), images: await sampleImages(), limits: LIMITS };
  });
  afterAll(() => api?.close());

  it(`when ${COUNT} seeded bad requests arrive, then each gets a 4xx JSON error, the server stays up and memory returns to baseline`, async () => {
    const cases = Array.from({ length: COUNT }, () => drawBadRequest(ctx));
    const slow = Array.from({ length: SLOW }, (_, i) => (i % 2 ? slowHeaders(ctx) : slowBody(ctx)));
    // Warm up (first decodes, lazily allocated buffers), then take the baseline.
    await runPool(cases.slice(0, 50), 4, async (c) => void (await sendRaw(api.port, c.request)));
    await settle(api);
    const baseline = { rss: rssMiB(), tensors: tf.memory().numTensors };

    const byStatus: Record<string, number> = {};
    const byKind: Record<string, Record<string, number>> = {};
    const wrong: string[] = [];
    const check = async (c: BadRequestCase) => {
      const answer = await sendRaw(api.port, c.request);
      const status = String(answer.status ?? answer.error ?? 'none');
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      byKind[c.kind] = { ...byKind[c.kind], [status]: (byKind[c.kind]?.[status] ?? 0) + 1 };
      const problem = judge(c, answer);
      if (problem) wrong.push(`${c.kind}: ${problem}`);
      if (c.request.trickle && answer.ms > LIMITS.requestTimeoutMs + 5000)
        wrong.push(`${c.kind}: answered after ${answer.ms} ms`);
    };
    await Promise.all([runPool(cases, 6, check), runPool(slow, SLOW, check)]);

    await settle(api);
    const after = { rss: rssMiB(), tensors: tf.memory().numTensors };
    const health = await sendRaw(api.port, { bytes: httpRequest('GET', '/readyz', {}) });
    const crashes = health.status === 200 ? 0 : 1;
    recordFigures('api-fuzz', {
      requests: cases.length + slow.length,
      lost: 0,
      crashes,
      details: { seed: FUZZ_SEED, byStatus, byKind, baseline, after },
    });

    expect(wrong.slice(0, 20)).toEqual([]);
    expect(health.status).toBe(200);
    expect(after.tensors).toBe(baseline.tensors);
    expect(after.rss - baseline.rss).toBeLessThan(64);
  });
});
