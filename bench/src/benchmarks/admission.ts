import path from 'node:path';
import { z } from 'zod';
import { rotated, type BenchContext, type Outcome } from '../benchmark';
import { multipartImage, runLoad, type LoadResult } from '../load';
import { runJsonProcess, type Server } from '../processes';
import {
  ABUSER_ADDRESS,
  add,
  describeCounts,
  RAMP_SECONDS,
  record,
  summarizeAdmission,
  type Phase,
  type Side,
  type Tally,
} from './admission-figures';
import { DEFAULT_MODEL } from './bench-models';
import { describeShape } from './model-shape';
import { startOurApi } from './serve-servers';
import { benchImage, prepareServeModels } from './serve-setup';

const WORKER = path.join(__dirname, '..', 'workers', 'abuse-worker.js');
const WARMUP_SECONDS = 3;

/** Our API with its default limits (request limit and admission), and with admission turned off. */
const SIDES = {
  admission: { RATE_LIMIT_PREDICT_PER_MINUTE: '600' },
  off: {
    RATE_LIMIT_PREDICT_PER_MINUTE: '600',
    RATE_LIMIT_PREDICT_PIXELS_PER_MINUTE: '0',
    ADMISSION_MAX_INFLIGHT_BYTES: '0',
    ADMISSION_MAX_INFLIGHT_PIXELS: '0',
  },
} as const satisfies Record<Side, Record<string, string>>;

const abuseReport = z.object({
  png_bytes: z.number(),
  body_bytes: z.number(),
  answers: z.record(z.string(), z.number()),
});
type AbuseReport = z.infer<typeof abuseReport>;

/** One phase: the well-behaved client measured, alone or while the abusive client sends. */
async function runPhase(
  ctx: BenchContext,
  server: Server,
  phase: Phase,
  well: { body: Buffer; contentType: string },
): Promise<{ load: LoadResult; abuse: AbuseReport | null }> {
  const a = ctx.settings.admission;
  const abuse =
    phase === 'abused'
      ? runJsonProcess(
          process.execPath,
          [
            WORKER,
            JSON.stringify({
              url: server.url,
              seconds: RAMP_SECONDS + a.seconds,
              connections: a.abuseConnections,
              rate: a.abuseRate,
              images: a.abuseImages,
              side: a.abuseSide,
              localAddress: ABUSER_ADDRESS,
            }),
          ],
          abuseReport,
        )
      : null;
  if (abuse) await new Promise((r) => setTimeout(r, RAMP_SECONDS * 1000));
  const load = await runLoad({
    url: `${server.url}/predict/`,
    connections: a.wellConnections,
    ratePerSecond: a.wellRate,
    durationSeconds: a.seconds,
    maxRequests: a.wellRate * a.seconds * 2,
    ...well,
  });
  return { load, abuse: abuse ? await abuse : null };
}

/** A few seconds of the well-behaved client, unmeasured: the first requests of a fresh server are slow. */
async function warmUp(ctx: BenchContext, server: Server, well: { body: Buffer; contentType: string }) {
  const a = ctx.settings.admission;
  await runLoad({
    url: `${server.url}/predict/`,
    connections: a.wellConnections,
    ratePerSecond: a.wellRate,
    durationSeconds: WARMUP_SECONDS,
    maxRequests: a.wellRate * WARMUP_SECONDS * 2,
    ...well,
  });
}

/**
 * A well-behaved client (single 300x300 PNGs at 4 connections, under the request
 * limit) alone and while an abusive client from another address sends batches of
 * 32 white 4096x4096 PNGs; our API with cost-based admission and with it off.
 */
export async function benchAdmission(ctx: BenchContext): Promise<Outcome> {
  const image = await benchImage();
  const well = multipartImage(image.bytes);
  const models = await prepareServeModels(ctx.workDir, DEFAULT_MODEL);
  const tallies: Record<string, Tally> = {};
  const abuseAnswers: Record<Side, Record<string, number>> = { admission: {}, off: {} };
  let abuseSizes = '';
  for (let rep = 0; rep < ctx.settings.repetitions; rep++) {
    for (const side of rotated<Side>(['admission', 'off'], rep)) {
      // A fresh server per side and repetition: budgets and request windows start full.
      const server = await startOurApi(models.storeDir, SIDES[side]);
      try {
        await warmUp(ctx, server, well);
        for (const phase of ['alone', 'abused'] as const) {
          const { load, abuse } = await runPhase(ctx, server, phase, well);
          const key = `${side}.${phase}`;
          tallies[key] ??= { p50: [], p99: [], ok: 0, failed: {} };
          record(tallies[key], load);
          if (abuse) {
            add(abuseAnswers[side], abuse.answers);
            abuseSizes = `${abuse.png_bytes.toLocaleString('en-US')} bytes per PNG, ${abuse.body_bytes.toLocaleString('en-US')} per request`;
          }
          ctx.log(
            `admission ${side} ${phase} #${rep + 1}: well-behaved p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, ${load.ok} ok, ${load.failed} failed${abuse ? `; abusive client: ${describeCounts(abuse.answers)}` : ''}`,
          );
        }
      } finally {
        await server.stop();
      }
    }
  }
  const outcome = summarizeAdmission(
    ctx.settings.admission,
    tallies,
    abuseAnswers,
    { well: image.name, abuse: abuseSizes },
    WARMUP_SECONDS,
  );
  const model = `model: the default recipe's (${describeShape(models.shape)}), untrained`;
  return { ...outcome, notes: [...outcome.notes, model] };
}
