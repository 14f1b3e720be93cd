import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeTempDir } from './__tests__/temp-dir';
import { withStoreLock } from './lock';

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('withStoreLock', () => {
  let store: string;
  beforeEach(async () => {
    store = await makeTempDir('ring-lock');
  });
  afterEach(() => fs.rm(store, { recursive: true, force: true }));

  it('when two callers want the lock at once, then their critical sections never overlap', async () => {
    const events: string[] = [];
    const section = (name: string) =>
      withStoreLock(store, async () => {
        events.push(`${name} in`);
        await sleep(30);
        events.push(`${name} out`);
      });
    await Promise.all([section('a'), section('b'), section('c')]);
    for (let i = 0; i < events.length; i += 2) {
      expect(events[i].split(' ')[0]).toBe(events[i + 1].split(' ')[0]);
    }
    expect(await fs.readdir(store)).toEqual([]);
  });

  it('when the holder died (its pid is gone), then the stale lock is recovered', async () => {
    const stale = {
      pid: deadPid(),
      hostname: os.hostname(),
      acquired_at: '2026-01-01T00:00:00Z',
      token: 'x',
    };
    await fs.writeFile(path.join(store, '.lock'), JSON.stringify(stale));
    await expect(withStoreLock(store, async () => 'ran', { timeoutMs: 2000 })).resolves.toBe('ran');
  });

  it('when a recovery died half-way (an old .lock.recover), then the stale lock is still recovered', async () => {
    const stale = {
      pid: deadPid(),
      hostname: os.hostname(),
      acquired_at: '2026-01-01T00:00:00Z',
      token: 'z',
    };
    await fs.writeFile(path.join(store, '.lock'), JSON.stringify(stale));
    const guard = path.join(store, '.lock.recover');
    await fs.writeFile(guard, '');
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(guard, old, old);
    await expect(withStoreLock(store, async () => 'ran', { timeoutMs: 2000 })).resolves.toBe('ran');
    expect(await fs.readdir(store)).toEqual([]);
  });

  it('when a lock file is empty and old (a crash right after creating it), then it is recovered', async () => {
    const file = path.join(store, '.lock');
    await fs.writeFile(file, '');
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(file, old, old);
    await expect(withStoreLock(store, async () => 'ran', { timeoutMs: 2000 })).resolves.toBe('ran');
  });

  it('when a live process holds the lock past the timeout, then LOCK_TIMEOUT names it', async () => {
    const live = {
      pid: process.pid,
      hostname: os.hostname(),
      acquired_at: '2026-01-01T00:00:00Z',
      token: 'y',
    };
    await fs.writeFile(path.join(store, '.lock'), JSON.stringify(live));
    const waited: unknown[] = [];
    await expect(
      withStoreLock(store, async () => 'ran', { timeoutMs: 200, onWait: (owner) => waited.push(owner) }),
    ).rejects.toThrow(`locked by pid ${process.pid} on ${os.hostname()}`);
    expect(waited).toEqual([live]);
  });

  /** Writes a lock by hand, last renewed `ageMs` ago. */
  async function writeLock(owner: { pid: number; hostname: string; lease_ms: number }, ageMs: number) {
    const file = path.join(store, '.lock');
    await fs.writeFile(
      file,
      JSON.stringify({ ...owner, acquired_at: '2026-01-01T00:00:00Z', token: 'theirs' }),
    );
    const renewed = new Date(Date.now() - ageMs);
    await fs.utimes(file, renewed, renewed);
  }
  const HOUR = 3_600_000;

  it('when a dead container on another host left the lock and its lease ran out, then it is taken over', async () => {
    await writeLock({ pid: 1, hostname: 'dead-container', lease_ms: 60_000 }, HOUR);
    await expect(withStoreLock(store, async () => 'ran', { timeoutMs: 2000 })).resolves.toBe('ran');
    expect(await fs.readdir(store)).toEqual([]);
  });

  it('when another host holds the lock within its lease, then LOCK_TIMEOUT names that host', async () => {
    await writeLock({ pid: 1, hostname: 'busy-container', lease_ms: HOUR }, 0);
    await expect(withStoreLock(store, async () => 'ran', { timeoutMs: 200 })).rejects.toThrow(
      'locked by pid 1 on busy-container',
    );
  });

  it('when a live process on this host holds the lock, then it is never taken, however old its lease', async () => {
    await writeLock({ pid: process.pid, hostname: os.hostname(), lease_ms: 1000 }, HOUR);
    await expect(
      withStoreLock(store, async () => 'ran', { timeoutMs: 200, leaseMs: 1000 }),
    ).rejects.toMatchObject({
      code: 'LOCK_TIMEOUT',
    });
  });

  it('when the holder lives past its lease, then it renews the lease', async () => {
    const file = path.join(store, '.lock');
    await withStoreLock(
      store,
      async () => {
        expect(JSON.parse(await fs.readFile(file, 'utf8'))).toMatchObject({
          hostname: os.hostname(),
          lease_ms: 1000,
        });
        const anHourAgo = new Date(Date.now() - HOUR);
        await fs.utimes(file, anHourAgo, anHourAgo); // as if about to expire
        while ((await fs.stat(file)).mtimeMs < Date.now() - HOUR / 2) await sleep(50);
      },
      { leaseMs: 1000 },
    );
    expect(await fs.readdir(store)).toEqual([]);
  });

  it('when the lock was taken over while the section ran, then release leaves the new holder lock', async () => {
    await withStoreLock(store, () => writeLock({ pid: 1, hostname: 'new-holder', lease_ms: 60_000 }, 0));
    expect(JSON.parse(await fs.readFile(path.join(store, '.lock'), 'utf8'))).toMatchObject({
      token: 'theirs',
    });
  });

  it('when the section throws, then the lock is released anyway', async () => {
    await expect(withStoreLock(store, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await fs.readdir(store)).toEqual([]);
  });
});
