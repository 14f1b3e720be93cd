import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { UnknownRequestIdError } from './live/live-monitor';
import { MonitoringService } from './monitoring-service';
import { FileMonitoringStore } from './store/file-monitoring-store';

let dir: string;
let service: MonitoringService;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'monitoring-service-'));
  service = new MonitoringService({
    store: new FileMonitoringStore({ dir }),
    logger: pino({ level: 'silent' }),
    currentModel: () => null,
  });
});
afterEach(async () => {
  await service.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

const event = (requestId: string) => ({
  request_id: requestId,
  time: new Date().toISOString(),
  model_version: 'v1',
  class: 2,
  confidence: 0.8,
  probabilities: [0.1, 0.1, 0.8],
  image: { pixels: new Float32Array(16 * 16).fill(1, 0, 40), size: 16 },
});

describe('MonitoringService.feedback', () => {
  it('when feedback overtakes the deferred observer, then it waits for the prediction briefly', async () => {
    const pending = service.feedback({ request_id: 'late', num_rings: 2 });
    setTimeout(() => service.observe(event('late')), 1);
    await expect(pending).resolves.toMatchObject({ request_id: 'late', correct: true });
  });

  it('when the prediction never comes, then UnknownRequestIdError after the grace period', async () => {
    await expect(service.feedback({ request_id: 'never', num_rings: 2 })).rejects.toThrow(
      UnknownRequestIdError,
    );
  });

  it('when predictions and feedback are recorded, then both reach the prediction log', async () => {
    service.observe(event('a'));
    await service.feedback({ request_id: 'a', num_rings: 5 });
    await service.stop();
    const lines = (await fs.readFile(path.join(dir, 'predictions.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).type)).toEqual(['prediction', 'feedback']);
    expect(JSON.parse(lines[0]).stats.ink_fraction).toBeCloseTo(40 / 256, 6);
  });
});
