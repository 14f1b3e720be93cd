import { preprocessImage, type PreprocessedImage, type Prediction } from '@rings/ring-model/core';
import type { z } from 'zod';
import type { AppDeps } from '../deps';
import { ApiError, toApiError } from '../errors';
import { assertAcceptedImage } from '../http/image-type';
import type { UploadedImage } from '../http/upload';
import type { predictionSchema } from '../openapi/schemas';
import type { PredictionEvent } from '../prediction-observer';
import type { ModelLease } from './model-registry';
import { shownStatus } from './shown-status';

/** One answered image. */
export interface PredictedImage {
  prediction: Prediction;
  image: PreprocessedImage;
}

export interface PredictionOutcome {
  version: string;
  labels: string[];
  results: PredictedImage[];
}

export interface PredictOptions {
  batch: boolean;
  /** Called once every image is decoded (admission frees its in-flight pixels). */
  onDecoded?: () => void;
}

function notReady(deps: AppDeps): ApiError {
  const { refused } = shownStatus(deps);
  const why = refused
    ? `version ${refused.version} was refused: ${refused.reason}`
    : 'no model version is deployed; promote one with ./update-models.sh <version>';
  return new ApiError('MODEL_NOT_READY', `no model is serving: ${why}`, undefined, {
    headers: { 'Retry-After': '5' },
  });
}

/** Re-raise an image's error with where it came from (batch index, filename). */
function located(err: unknown, where: Record<string, unknown> | undefined): ApiError {
  const error = toApiError(err);
  if (!where) return error;
  const details = { ...where, ...(error.details as Record<string, unknown> | undefined) };
  return new ApiError(error.code, `image ${String(where.index)}: ${error.message}`, details, { cause: err });
}

async function predictWith(
  lease: ModelLease,
  deps: AppDeps,
  files: UploadedImage[],
  options: PredictOptions,
) {
  const { batch } = options;
  const input = { ...lease.metadata.input, maxInputPixels: deps.config.MAX_INPUT_PIXELS };
  const images = await Promise.all(
    files.map((file, index) =>
      preprocessImage(file.bytes, input).catch((err: unknown) => {
        throw located(err, batch ? { index, filename: file.filename } : undefined);
      }),
    ),
  );
  options.onDecoded?.();
  const predictions = await Promise.all(images.map((image) => lease.handle.batcher.submit(image)));
  return predictions.map((prediction, i) => ({ prediction, image: images[i] }));
}

/**
 * Check the files' types from their bytes, then preprocess them (sharp, on
 * libuv's pool) and predict them through the serving model's micro-batcher.
 * All images of a request use the same model version, even across a switch.
 */
export async function predictUploads(
  deps: AppDeps,
  files: UploadedImage[],
  options: PredictOptions,
): Promise<PredictionOutcome> {
  const { batch } = options;
  files.forEach((file, index) =>
    assertAcceptedImage(file.bytes, batch ? { index, filename: file.filename } : undefined),
  );
  const lease = deps.registry.lease();
  if (!lease) throw notReady(deps);
  try {
    const results = await predictWith(lease, deps, files, options);
    for (const { prediction } of results) {
      deps.metrics.predictions.inc({ model_version: lease.version, class: String(prediction.class) });
    }
    return { version: lease.version, labels: lease.metadata.labels.names, results };
  } finally {
    lease.release();
  }
}

/** A prediction as the API shows it. */
export function describePrediction(
  prediction: Prediction,
  labels: string[],
): z.infer<typeof predictionSchema> {
  return {
    prediction: prediction.class,
    label: labels[prediction.class],
    confidence: prediction.confidence,
    probabilities: prediction.probabilities,
  };
}

/** Observer events for an outcome; ids name each image (see PredictionEvent.request_id). */
export function predictionEvents(outcome: PredictionOutcome, ids: string[]): PredictionEvent[] {
  const time = new Date().toISOString();
  return outcome.results.map(({ prediction, image }, i) => ({
    request_id: ids[i],
    time,
    model_version: outcome.version,
    class: prediction.class,
    confidence: prediction.confidence,
    probabilities: prediction.probabilities,
    image,
  }));
}
