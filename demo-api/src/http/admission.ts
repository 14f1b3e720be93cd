// Cost-based admission on the predict routes: work is charged before any of it
// is done. Upload bytes are reserved from their announced size before the body
// is read; decoded pixels are read from each image's header after the upload and
// charged to the client's budget (429) and to the in-flight budget (503) before
// anything is decoded.
import { performance } from 'node:perf_hooks';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { ServerConfig } from '../config';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { decodeCost } from './image-pixels';
import { createInflightBudget, type InflightBudget, type Reservation } from './inflight-budget';
import { createTokenBuckets, type TokenBuckets } from './token-buckets';
import { uploadedImages } from './upload';

/** The per-client pixel budget's default: this many pixels per request the request limit allows. */
export const PIXELS_PER_ALLOWED_REQUEST = 200_000;
/** Bytes of multipart framing and form fields allowed beside the files. */
const MULTIPART_OVERHEAD = 64 * 1024;

export interface AdmissionSettings {
  /** decoded pixels per client address and minute (0: off) */
  pixelsPerMinute: number;
  /** upload bytes in flight across all clients (0: off) */
  inflightBytes: number;
  /** pixels being decoded across all clients (0: off) */
  inflightPixels: number;
}

/** The budgets from the environment; an unset pixel budget follows the request limit. */
export function admissionSettings(config: ServerConfig): AdmissionSettings {
  return {
    pixelsPerMinute:
      config.RATE_LIMIT_PREDICT_PIXELS_PER_MINUTE ??
      config.RATE_LIMIT_PREDICT_PER_MINUTE * PIXELS_PER_ALLOWED_REQUEST,
    inflightBytes: config.ADMISSION_MAX_INFLIGHT_BYTES,
    inflightPixels: config.ADMISSION_MAX_INFLIGHT_PIXELS,
  };
}

interface Admission {
  settings: AdmissionSettings;
  clients: TokenBuckets | null;
  bytes: InflightBudget;
  pixels: InflightBudget;
}

// One admission state per app, shared by /predict/ and /predict/batch/.
const admissions = new WeakMap<AppDeps, Admission>();

function admissionOf(deps: AppDeps): Admission {
  let admission = admissions.get(deps);
  if (!admission) {
    const settings = admissionSettings(deps.config);
    admission = {
      settings,
      clients:
        settings.pixelsPerMinute > 0 ? createTokenBuckets({ perMinute: settings.pixelsPerMinute }) : null,
      bytes: createInflightBudget(settings.inflightBytes),
      pixels: createInflightBudget(settings.inflightPixels),
    };
    admissions.set(deps, admission);
  }
  return admission;
}

/** A request's reservations, released when its response ends (or its client goes). */
function held(res: Response): Partial<Record<'bytes' | 'pixels', Reservation>> {
  if (!res.locals.admission) {
    const reservations: Partial<Record<'bytes' | 'pixels', Reservation>> = {};
    res.locals.admission = reservations;
    res.once('close', () => Object.values(reservations).forEach((r) => r.release()));
  }
  return res.locals.admission as Partial<Record<'bytes' | 'pixels', Reservation>>;
}

const count = (n: number) => n.toLocaleString('en-US');

function overloaded(what: string, budget: InflightBudget, variable: string): ApiError {
  return new ApiError(
    'OVERLOADED',
    `the server is ${what} as it takes at once (${count(budget.capacity)}, ${variable}); retry shortly`,
    undefined,
    { headers: { 'Retry-After': '1' } },
  );
}

/**
 * Before the body is read: reserve its announced size (at most what the route
 * accepts; all of that without Content-Length) from the in-flight byte budget, else 503.
 */
export function admitUpload(deps: AppDeps, route: { maxFiles: number; maxBytes: number }): RequestHandler {
  const largest = route.maxFiles * route.maxBytes + MULTIPART_OVERHEAD;
  return (req: Request, res: Response, next: NextFunction) => {
    const { bytes } = admissionOf(deps);
    const announced = Number(req.headers['content-length'] ?? largest);
    const reservation = bytes.reserve(Math.min(Number.isFinite(announced) ? announced : largest, largest));
    if (!reservation) {
      return next(overloaded('receiving as many upload bytes', bytes, 'ADMISSION_MAX_INFLIGHT_BYTES'));
    }
    held(res).bytes = reservation;
    next();
  };
}

function overBudget(cost: number, budget: number, refusal: { retryAfterSeconds: number; fits: boolean }) {
  const message = refusal.fits
    ? `this address has spent its budget of ${count(budget)} decoded pixels per minute; this request's images are ${count(cost)} pixels: retry after ${refusal.retryAfterSeconds} s`
    : `this request's images are ${count(cost)} pixels, more than this address's whole budget of ${count(budget)} decoded pixels per minute: send fewer or smaller images`;
  return new ApiError(
    'RATE_LIMITED',
    message,
    { pixels: cost, pixels_per_minute: budget },
    { headers: { 'Retry-After': String(refusal.retryAfterSeconds) } },
  );
}

/**
 * After the upload, before decoding: the images' pixels (from their headers)
 * are reserved from the in-flight pixel budget (else 503) and taken from the
 * client's budget (else 429). decodeDone(res) frees the in-flight share.
 */
export function admitDecodeWork(deps: AppDeps): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const admission = admissionOf(deps);
    const files = uploadedImages(res);
    Promise.all(files.map((file) => decodeCost(file.bytes, deps.config.MAX_INPUT_PIXELS))).then((costs) => {
      const cost = costs.reduce((sum, c) => sum + c, 0);
      const reservation = admission.pixels.reserve(cost);
      if (!reservation) {
        return next(overloaded('decoding as many pixels', admission.pixels, 'ADMISSION_MAX_INFLIGHT_PIXELS'));
      }
      const taken = admission.clients?.take(ipKeyGenerator(req.ip ?? '', 56), cost, performance.now());
      if (taken && !taken.ok) {
        reservation.release();
        return next(overBudget(cost, admission.settings.pixelsPerMinute, taken));
      }
      held(res).pixels = reservation;
      next();
    }, next);
  };
}

/** The request's images are decoded: its share of the in-flight pixel budget is free again. */
export function decodeDone(res: Response): void {
  held(res).pixels?.release();
}
