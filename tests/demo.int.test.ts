// npm run demo (demo/dist/main.js), end to end with tiny settings, so the walkthrough cannot rot.
// It uses the integration project's MLflow server (MLFLOW_TRACKING_URI).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

function runDemo(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', ['demo/dist/main.js'], { cwd: root, env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('npm run demo', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ring-demo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when run with tiny epochs, then every step of the lifecycle succeeds and it exits 0', async () => {
    const { code, output } = await runDemo({
      RING_DEMO_DIR: dir,
      RING_DEMO_EPOCHS: '1',
      RING_DEMO_IMAGE_SIZE: '32',
      MODEL_NAME: `ring-counter-demo-${Date.now()}`,
    });
    if (code !== 0) console.log(output.slice(-5000));
    expect(code).toBe(0);
    expect(output).toMatch(/== nothing lost|nothing lost/);
    expect(output).toMatch(/promoted v1/);
    expect(output).toMatch(/promoted v2/);
    expect(output).toMatch(/"model_version": "v2"/);
    expect(output).toMatch(/Demo complete/);
    const deployed = JSON.parse(readFileSync(path.join(dir, 'models', 'deployed.json'), 'utf8')) as {
      version: string;
      previous: string;
    };
    expect(deployed).toEqual(expect.objectContaining({ version: 'v2', previous: 'v1' }));
  }, 900_000);
});
