import { mapOrdered } from '../shared/map-ordered';
import type { CheckedRecord } from './decide';
import type { ImageWorkers } from './image-workers';
import type { ArrayElement } from './read-json-array';
import { checkRecordShape } from './record-schema';

const BATCH = 64;

/**
 * Checks records in batches: the shape here, the image in a worker thread, with
 * `inFlight` batches at once. Yields batches in input order.
 */
export function checkRecords(
  elements: AsyncIterable<ArrayElement>,
  workers: ImageWorkers,
  inFlight: number,
): AsyncGenerator<CheckedRecord[]> {
  return mapOrdered(inBatches(elements, BATCH), inFlight, (batch) => checkBatch(batch, workers));
}

async function checkBatch(batch: ArrayElement[], workers: ImageWorkers): Promise<CheckedRecord[]> {
  const shapes = batch.map(({ value }) => checkRecordShape(value));
  const images = await workers.check(
    shapes.map((shape) => (shape.ok ? shape.record.image : shape.valid.image)),
  );
  return batch.map(({ row, value }, i) => {
    const result = images[i];
    if (result && 'crash' in result) return { row, value, shape: shapes[i], crash: result.crash };
    return { row, value, shape: shapes[i], image: result };
  });
}

async function* inBatches<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
