// Real child processes (node -e) started, watched and stopped by startProcess.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signalProcess } from './stop-process';
import { startProcess } from './start-process';

const node = (script: string) => ({ command: process.execPath, args: ['-e', script] });
const IGNORES_SIGTERM = "process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000)";

describe('startProcess', () => {
  it('when output is captured, then stdout is whole and the tail holds both streams', async () => {
    const child = startProcess(node("console.log('one'); console.error('two'); console.log('three')"));
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(child.stdout()).toBe('one\nthree\n');
    expect(child.outputTail().split('\n').sort()).toEqual(['one', 'three', 'two']);
  });

  it('when output is prefixed, then each line is printed after the prefix, the last one too', async () => {
    const printed: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      const child = startProcess({ ...node("process.stdout.write('a\\nb')"), output: { prefix: '  > ' } });
      await child.exited;
    } finally {
      write.mockRestore();
    }
    expect(printed.join('')).toBe('  > a\n  > b\n');
  });

  it('when output goes to a file, then it is appended there and the tail points to it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'child-output-'));
    const file = path.join(dir, 'child.log');
    try {
      for (const word of ['first', 'second'])
        await startProcess({ ...node(`console.log('${word}')`), output: { file } }).exited;
      expect(readFileSync(file, 'utf8')).toBe('first\nsecond\n');
      expect(startProcess({ ...node(''), output: { file } }).outputTail()).toBe(`see ${file}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when a child ignores SIGTERM, then stop sends SIGKILL after the grace period', async () => {
    const child = startProcess({ ...node(IGNORES_SIGTERM), graceMs: 300 });
    while (!child.stdout().includes('up')) await new Promise((r) => setTimeout(r, 20));
    const started = Date.now();
    await child.stop();
    expect(child.exitStatus()).toEqual({ code: null, signal: 'SIGKILL' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('when a child ends on SIGTERM, then stop resolves without waiting for the grace period', async () => {
    const child = startProcess({ ...node('setInterval(() => {}, 1000)'), graceMs: 60_000 });
    await child.stop();
    expect(child.exitStatus()).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('when started as a group, then stop also ends the processes it started', async () => {
    const spawnsGrandchild =
      "const c = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });" +
      'console.log(c.pid); setInterval(() => {}, 1000)';
    const child = startProcess({ ...node(spawnsGrandchild), group: true });
    while (!child.stdout().includes('\n')) await new Promise((r) => setTimeout(r, 20));
    const grandchild = Number(child.stdout().trim());
    expect(signalProcess(grandchild, 0)).toBe(true);
    await child.stop();
    await new Promise((r) => setTimeout(r, 100)); // the grandchild's parent reaps it
    expect(signalProcess(grandchild, 0)).toBe(false);
  });
});
