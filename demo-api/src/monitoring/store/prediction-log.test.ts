import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prediction } from '../__tests__/records';
import { LiveMonitor } from '../live/live-monitor';
import { PredictionLog } from './prediction-log';
import { readLogTail, replayPredictionLog } from './replay';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'prediction-log-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('PredictionLog', () => {
  it('when records are appended, then they are written as JSON lines in order', async () => {
    const log = new PredictionLog({ dir: path.join(dir, 'nested') });
    for (let i = 0; i < 3; i++) expect(log.append(prediction(i))).toBe(true);
    await log.close();
    const lines = (await fs.readFile(log.file, 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).request_id)).toEqual(['req-0', 'req-1', 'req-2']);
    expect(log.stats()).toEqual({ written: 3, dropped: 0, rotations: 0, errors: 0, buffered_bytes: 0 });
  });

  it('when the file would exceed maxFileBytes, then it rotates and keeps maxFiles old files', async () => {
    const log = new PredictionLog({ dir, maxFileBytes: 1000, maxFiles: 2 });
    for (let i = 0; i < 40; i++) {
      log.append(prediction(i));
      await log.flush(); // one write per record, so each rotation point is reached
    }
    await log.close();
    const files = (await fs.readdir(dir)).sort();
    expect(files).toEqual(['predictions.jsonl', 'predictions.jsonl.1', 'predictions.jsonl.2']);
    for (const f of files) expect((await fs.stat(path.join(dir, f))).size).toBeLessThanOrEqual(1000);
    expect(log.stats().rotations).toBeGreaterThan(2);
  });

  it('when the queue is full (a slow disk), then append drops and counts instead of waiting', async () => {
    const log = new PredictionLog({ dir, maxBufferedBytes: 1000 });
    const accepted = Array.from({ length: 20 }, (_, i) => log.append(prediction(i)));
    await log.close();
    const written = accepted.filter(Boolean).length;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(20);
    expect(log.stats()).toMatchObject({ written, dropped: 20 - written });
  });

  it('when the directory cannot be created, then the error is reported and the lines are counted as dropped', async () => {
    const blocker = path.join(dir, 'file');
    await fs.writeFile(blocker, 'not a directory');
    const errors: Error[] = [];
    const log = new PredictionLog({ dir: path.join(blocker, 'sub'), onError: (e) => errors.push(e) });
    log.append(prediction(1));
    await log.flush();
    expect(errors).toHaveLength(1);
    expect(log.stats()).toMatchObject({ written: 0, dropped: 1, errors: 1 });
  });
});

describe('replayPredictionLog', () => {
  it('when the service restarts, then replaying the log rebuilds the same windows and feedback', async () => {
    const before = new LiveMonitor({ windowSize: 50 });
    const log = new PredictionLog({ dir, maxFileBytes: 4000, maxFiles: 10 });
    for (let i = 0; i < 80; i++) {
      const record = prediction(i, { class: i % 3 });
      before.recordPrediction(record);
      log.append(record);
      if (i % 4 === 0) {
        const feedback = {
          type: 'feedback' as const,
          request_id: record.request_id,
          time: record.time,
          num_rings: 1,
        };
        before.recordFeedback(feedback);
        log.append(feedback);
      }
      await log.flush();
    }
    await log.close();
    const after = new LiveMonitor({ windowSize: 50 });
    const result = await replayPredictionLog(after, { dir, maxFiles: 10 });
    expect(result).toEqual({
      predictions: 80,
      feedback: 20,
      orphanFeedback: 0,
      duplicateFeedback: 0,
      skipped: 0,
    });
    expect(after.predictions()).toEqual(before.predictions());
    expect(after.feedbackSummary('v1')).toEqual(before.feedbackSummary('v1'));
    expect(after.hasPrediction('req-0')).toBe(true);
  });

  it('when the last line was cut by a crash or a line is not a record, then it is skipped', async () => {
    const lines = [
      JSON.stringify(prediction(1)),
      '{"type":"prediction","request_id":"x"}',
      '{"type":"predic',
    ];
    await fs.writeFile(path.join(dir, 'predictions.jsonl'), lines.join('\n'));
    const tail = await readLogTail({ dir });
    expect(tail.records.map((r) => r.request_id)).toEqual(['req-1']);
    expect(tail.skipped).toBe(2);
  });

  it('when maxRecords is smaller than the log, then only the newest records are read', async () => {
    const lines = Array.from({ length: 10 }, (_, i) => JSON.stringify(prediction(i)));
    await fs.writeFile(path.join(dir, 'predictions.jsonl.1'), lines.slice(0, 6).join('\n') + '\n');
    await fs.writeFile(path.join(dir, 'predictions.jsonl'), lines.slice(6).join('\n') + '\n');
    const tail = await readLogTail({ dir, maxRecords: 5 });
    expect(tail.records.map((r) => r.request_id)).toEqual(['req-5', 'req-6', 'req-7', 'req-8', 'req-9']);
  });

  it('when there is no log yet, then nothing is replayed', async () => {
    expect(await replayPredictionLog(new LiveMonitor(), { dir: path.join(dir, 'missing') })).toEqual({
      predictions: 0,
      feedback: 0,
      orphanFeedback: 0,
      duplicateFeedback: 0,
      skipped: 0,
    });
  });

  it('when the log holds two feedbacks for one prediction (older servers replaced), then the first stands', async () => {
    const feedback = (num_rings: number) => ({
      type: 'feedback',
      request_id: 'req-1',
      time: prediction(1).time,
      num_rings,
    });
    const lines = [prediction(1, { class: 3 }), feedback(3), feedback(1)].map((r) => JSON.stringify(r));
    await fs.writeFile(path.join(dir, 'predictions.jsonl'), lines.join('\n') + '\n');
    const monitor = new LiveMonitor();
    const result = await replayPredictionLog(monitor, { dir });
    expect(result).toMatchObject({ feedback: 1, duplicateFeedback: 1 });
    expect(monitor.feedbackSummary('v1')).toEqual({ count: 1, accuracy: 1, mae: 0 });
  });
});
