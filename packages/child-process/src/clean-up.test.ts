// A parent process (the built package, as the demo and bench load it) that
// starts a long-running child, then ends: the child must not outlive it.
import path from 'node:path';
import { runProcess } from './run-process';
import { startProcess } from './start-process';
import { signalProcess } from './stop-process';

const DIST = path.resolve(__dirname, '..', 'dist', 'index.js');
/** A parent script: load the package, run `setUp`, start a sleeping child and print its pid. */
const startsSleeper = (setUp = '') => `const p = require(${JSON.stringify(DIST)});
${setUp}
const child = p.startProcess({ command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'] });
console.log(child.pid);`;

const isGone = async (pid: number): Promise<boolean> => {
  for (let i = 0; i < 50 && signalProcess(pid, 0); i += 1) await new Promise((r) => setTimeout(r, 100));
  return !signalProcess(pid, 0);
};

describe('clean-up when the parent ends', () => {
  it('when the parent exits, then its children are killed', async () => {
    const stdout = await runProcess({
      command: process.execPath,
      args: ['-e', `${startsSleeper()}\nsetTimeout(() => process.exit(0), 200);`],
    });
    expect(await isGone(Number(stdout.trim()))).toBe(true);
  });

  it('when the parent gets SIGTERM with stopAllOnSignals, then it stops its children and exits 143', async () => {
    const parent = startProcess({
      command: process.execPath,
      // the handlers are in place before the pid is printed, so the SIGTERM below cannot come first
      args: ['-e', `${startsSleeper('p.stopAllOnSignals();')}\nsetInterval(() => {}, 1000);`],
    });
    while (!parent.stdout().includes('\n')) await new Promise((r) => setTimeout(r, 20));
    const child = Number(parent.stdout().trim());
    expect(signalProcess(child, 0)).toBe(true);
    signalProcess(parent.pid, 'SIGTERM');
    expect(await parent.exited).toEqual({ code: 143, signal: null });
    expect(await isGone(child)).toBe(true);
  });
});
