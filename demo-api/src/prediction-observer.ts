import type { PreprocessedImage } from '@rings/ring-model/core';
import type { Logger } from './logger';

/** One prediction, as observers (monitoring) see it after the response is sent. */
export interface PredictionEvent {
  /** The request's id; for POST /predict/batch/ items, "<request id>:<index>". */
  request_id: string;
  /** When the prediction was made (ISO 8601). */
  time: string;
  model_version: string;
  class: number;
  confidence: number;
  probabilities: number[];
  /** The preprocessed model input. */
  image: PreprocessedImage;
}

/** Called after each prediction; may be async. Never delays or fails a response. */
export type PredictionObserver = (event: PredictionEvent) => void | Promise<void>;

/** Hand events to the observer after the current I/O turn; its errors are logged, not thrown. */
export function notifyObserver(
  observer: PredictionObserver | undefined,
  events: PredictionEvent[],
  logger: Logger,
): void {
  if (!observer || events.length === 0) return;
  const report = (err: unknown) => logger.warn({ err }, 'the prediction observer failed');
  setImmediate(() => {
    for (const event of events) {
      try {
        Promise.resolve(observer(event)).catch(report);
      } catch (err) {
        report(err);
      }
    }
  });
}
