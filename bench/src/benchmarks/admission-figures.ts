// The admission benchmark's arithmetic: tallies of load runs, then figures,
// ratios and notes.
import type { Outcome } from '../benchmark';
import { makeFigure, makeRatio } from '../figures';
import type { LoadResult } from '../load';
import type { Figure } from '../results';
import type { Settings } from '../settings';

/** The abusive client's address: the per-client budgets tell it from the harness on 127.0.0.1. */
export const ABUSER_ADDRESS = '127.0.0.2';
/** Seconds the abusive client runs before the well-behaved client is measured. */
export const RAMP_SECONDS = 2;

/** admission: our API's defaults; off: the same with admission turned off. */
export type Side = 'admission' | 'off';
export type Phase = 'alone' | 'abused';

export interface Tally {
  p50: number[];
  p99: number[];
  ok: number;
  failed: Record<string, number>;
}

export function record(tally: Tally, r: LoadResult): void {
  tally.p50.push(r.p50Ms);
  tally.p99.push(r.p99Ms);
  tally.ok += r.ok;
  for (const [code, n] of Object.entries(r.statuses)) {
    if (!code.startsWith('2')) tally.failed[code] = (tally.failed[code] ?? 0) + n;
  }
}

export function add(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
}

export const describeCounts = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k}: ${n.toLocaleString('en-US')}`)
    .join(', ') || 'none';

/** Figures, ratios (goals from issue 16) and notes of the admission benchmark. */
export function summarizeAdmission(
  a: Settings['admission'],
  tallies: Record<string, Tally>,
  abuseAnswers: Record<Side, Record<string, number>>,
  sizes: { well: string; abuse: string },
  warmupSeconds: number,
): Outcome {
  const who: Record<Side, string> = { admission: 'ours: demo-api', off: 'ours with admission off' };
  const what: Record<Phase, string> = { alone: 'alone', abused: 'while the abusive client sends' };
  const fig: Record<string, Figure> = {};
  const figures: Figure[] = [];
  for (const side of ['admission', 'off'] as const) {
    for (const phase of ['alone', 'abused'] as const) {
      const t = tallies[`${side}.${phase}`];
      const base = { side: 'ours' as const, unit: 'ms', better: 'lower' as const };
      const label = `${who[side]}: well-behaved client ${what[phase]}`;
      fig[`${side}.${phase}.p99`] = makeFigure(
        { ...base, id: `admission.${side}.${phase}.p99`, label: `${label}, p99` },
        t.p99,
      );
      figures.push(
        makeFigure({ ...base, id: `admission.${side}.${phase}.p50`, label: `${label}, p50` }, t.p50),
        fig[`${side}.${phase}.p99`],
      );
    }
    const failed = ['alone', 'abused'].reduce(
      (sum, phase) => sum + Object.values(tallies[`${side}.${phase}`].failed).reduce((s, n) => s + n, 0),
      0,
    );
    figures.push(
      makeFigure(
        {
          id: `admission.${side}.failed`,
          label: `${who[side]}: well-behaved client's failed requests (alone and abused, all repetitions)`,
          side: 'ours',
          unit: 'requests',
          better: 'lower',
        },
        [failed],
        side === 'admission' ? { op: '<=', target: 0 } : null,
      ),
    );
  }
  const ratios = (['admission', 'off'] as const).map((side) =>
    makeRatio(
      `admission.${side}.p99_abused_vs_alone`,
      `${who[side]}: well-behaved p99 while abused / alone`,
      fig[`${side}.abused.p99`],
      fig[`${side}.alone.p99`],
      side === 'admission' ? { op: '<=', target: 3 } : null,
    ),
  );
  const failures = (['admission', 'off'] as const).flatMap((side) =>
    (['alone', 'abused'] as const).map(
      (phase) => `${side} ${phase}: ${describeCounts(tallies[`${side}.${phase}`].failed)}`,
    ),
  );
  return {
    figures,
    ratios,
    notes: [
      `well-behaved client: autocannon from 127.0.0.1, ${a.wellConnections} connections, ${a.wellRate} requests/s (the request limit is 600/min), single 300x300 PNGs (raw-data/images/${sizes.well}); ${a.seconds} s per phase after ${warmupSeconds} s of warm-up, a fresh API per side and repetition, sides rotated`,
      `abusive client: its own process bound to ${ABUSER_ADDRESS}, ${a.abuseConnections} keep-alive connections posting /predict/batch/ with ${a.abuseImages} white ${a.abuseSide}x${a.abuseSide} PNGs (${sizes.abuse}) at ${a.abuseRate} requests/s (the request limit; slower when answers take longer), from ${RAMP_SECONDS} s before the measurement to its end`,
      `abusive client's answers, admission on: ${describeCounts(abuseAnswers.admission)}`,
      `abusive client's answers, admission off: ${describeCounts(abuseAnswers.off)}`,
      `well-behaved client's failures by kind: ${failures.join('; ')}`,
      'both sides run demo-api defaults (NODE_ENV=production, LOG_LEVEL=warn, RATE_LIMIT_PREDICT_PER_MINUTE=600); "off" sets RATE_LIMIT_PREDICT_PIXELS_PER_MINUTE, ADMISSION_MAX_INFLIGHT_BYTES and ADMISSION_MAX_INFLIGHT_PIXELS to 0 (the behaviour before admission)',
    ],
  };
}
