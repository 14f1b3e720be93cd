import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { z } from 'zod';

/** Lease of a lock unless the caller sets one: its holder renews it every third of this. */
export const DEFAULT_LEASE_MS = 60_000;
// A lock file without a readable owner is a crash between create and write once it is this old.
const UNREADABLE_STALE_MS = 5_000;

/** What a lock file holds: who took it, where, and for how long without renewal. */
export const lockOwnerSchema = z.object({
  pid: z.number().int().positive().describe('Process id of the holder, on its own host.'),
  hostname: z.string().min(1).describe('os.hostname() of the holder; pids are only checked on this host.'),
  acquired_at: z.string().describe('When the lock was taken (ISO 8601).'),
  token: z.string().min(1).describe('Random id of this holding: renewal and release check it.'),
  lease_ms: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('The holder touches the file (mtime) every third of this; locks of older versions lack it.'),
});

/** Who holds a lock; written into the lock file as JSON. */
export type LockOwner = z.infer<typeof lockOwnerSchema>;

/** A fresh owner record for this process. */
export function newOwner(leaseMs: number): LockOwner {
  return {
    pid: process.pid,
    hostname: os.hostname(),
    acquired_at: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
    lease_ms: leaseMs,
  };
}

/** The owner in a lock file's text, or null when it is empty, torn or not a lock record. */
export function parseOwner(text: string): LockOwner | null {
  try {
    const parsed = lockOwnerSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether a lock may be taken over. On this host: only when its process is gone
 * (a live holder is never robbed, however old its lease). From another host,
 * whose pids cannot be checked: when it was not renewed for its lease.
 */
export function isStale(owner: LockOwner | null, ageMs: number, fallbackLeaseMs: number): boolean {
  if (!owner) return ageMs > UNREADABLE_STALE_MS;
  if (owner.hostname === os.hostname()) return !isProcessAlive(owner.pid);
  return ageMs > (owner.lease_ms ?? fallbackLeaseMs);
}

/** "pid 12 on host-a since 2026-...", for messages. */
export function describeOwner(owner: LockOwner | null): string {
  return owner ? `pid ${owner.pid} on ${owner.hostname} since ${owner.acquired_at}` : 'an unknown process';
}
