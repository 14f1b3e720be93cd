import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { outputOf, spawnTs } from '../__tests__/run-ts';
import { acquireOutputLock } from './lock';

let out: string;
let lockFile: string;
beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'de-lock-'));
  lockFile = path.join(out, '.ingest.lock');
});
afterEach(() => rm(out, { recursive: true, force: true }));

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

/** Writes a lock file by hand, last renewed `ageMs` ago. */
async function writeLock(owner: { pid: number; hostname: string; lease_ms: number }, ageMs: number) {
  await writeFile(
    lockFile,
    JSON.stringify({ ...owner, acquired_at: '2026-01-01T00:00:00Z', token: 'theirs' }),
  );
  const renewed = new Date(Date.now() - ageMs);
  await utimes(lockFile, renewed, renewed);
}

const HOUR = 3_600_000;

describe('acquireOutputLock', () => {
  it('when another host holds the lock and its lease ran out, then it is taken over', async () => {
    await writeLock({ pid: 1, hostname: 'dead-container', lease_ms: 60_000 }, HOUR);
    const lock = await acquireOutputLock(out, 60_000);
    expect(JSON.parse(await readFile(lockFile, 'utf8'))).toMatchObject({
      pid: process.pid,
      hostname: hostname(),
    });
    await lock.release();
    expect(await readdir(out)).toEqual([]);
  });

  it('when another host holds the lock within its lease, then OUTPUT_LOCKED names that host', async () => {
    await writeLock({ pid: 1, hostname: 'busy-container', lease_ms: HOUR }, 0);
    await expect(acquireOutputLock(out, 60_000)).rejects.toMatchObject({
      code: 'OUTPUT_LOCKED',
      message: expect.stringContaining('pid 1 on busy-container'),
    });
  });

  it('when a live process on this host holds the lock, then it is never taken, however old its lease', async () => {
    await writeLock({ pid: process.pid, hostname: hostname(), lease_ms: 1000 }, HOUR);
    await expect(acquireOutputLock(out, 1000)).rejects.toMatchObject({ code: 'OUTPUT_LOCKED' });
    expect(JSON.parse(await readFile(lockFile, 'utf8'))).toMatchObject({ token: 'theirs' });
  });

  it('when the holder lives past its lease, then it renews the lease', async () => {
    const lock = await acquireOutputLock(out, 1000);
    expect(JSON.parse(await readFile(lockFile, 'utf8'))).toMatchObject({
      hostname: hostname(),
      lease_ms: 1000,
    });
    const anHourAgo = new Date(Date.now() - HOUR);
    await utimes(lockFile, anHourAgo, anHourAgo); // as if about to expire
    while ((await stat(lockFile)).mtimeMs < Date.now() - HOUR / 2) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await lock.assertHeld();
    await lock.release();
  });

  it('when the lock was taken over while held, then release leaves the new holder lock and assertHeld fails', async () => {
    const lock = await acquireOutputLock(out, 60_000);
    await writeLock({ pid: 1, hostname: 'new-holder', lease_ms: 60_000 }, 0);
    await expect(lock.assertHeld()).rejects.toMatchObject({ code: 'OUTPUT_LOCKED' });
    await lock.release();
    expect(JSON.parse(await readFile(lockFile, 'utf8'))).toMatchObject({ token: 'theirs' });
  });

  it('when several ingests race to take over a dead ingest lock, then only one holds it at a time', async () => {
    await writeLock({ pid: deadPid(), hostname: hostname(), lease_ms: 60_000 }, 0);
    const [holders, ready, go] = ['holders', 'ready', 'go'].map((name) => path.join(out, name));
    await mkdir(holders);
    await mkdir(ready);
    const children = Array.from({ length: 6 }, () =>
      outputOf(spawnTs(RACER, [require.resolve('./lock'), out, holders, ready, go])),
    );
    // Every child is started and polling before any of them may try: they all race for the lock.
    while ((await readdir(ready)).length < children.length) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await writeFile(go, '');
    const results = (await Promise.all(children)).map((text) => JSON.parse(text) as Race);
    expect(results.filter((r) => r.won).length).toBeGreaterThanOrEqual(1);
    expect(results.filter((r) => r.won && !r.alone)).toEqual([]);
    await expect(stat(lockFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

interface Race {
  won: boolean;
  alone?: boolean;
}

// One racing ingest: waits for "go", takes the lock, checks it is the only holder for 300 ms.
const RACER = `
  const fs = require('node:fs');
  const path = require('node:path');
  const [lockModule, out, holders, ready, go] = process.argv.slice(-5);
  const { acquireOutputLock } = require(lockModule);
  const count = () => fs.readdirSync(holders).length;
  (async () => {
    fs.writeFileSync(path.join(ready, String(process.pid)), '');
    while (!fs.existsSync(go)) await new Promise((resolve) => setTimeout(resolve, 1));
    let lock;
    try {
      lock = await acquireOutputLock(out, 60000);
    } catch (error) {
      if (error.code !== 'OUTPUT_LOCKED') throw error;
      return process.stdout.write(JSON.stringify({ won: false }));
    }
    const me = path.join(holders, String(process.pid));
    fs.writeFileSync(me, '');
    const before = count();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = count();
    fs.rmSync(me);
    await lock.release();
    process.stdout.write(JSON.stringify({ won: true, alone: before === 1 && after === 1 }));
  })().catch((error) => { console.error(error); process.exit(1); });`;
