// Storage faults for the model store: a read-only store, and a store volume
// that fills up. Tests run as root here, where chmod stops nothing, so the
// store is made read-only by a bind mount in a private mount namespace (only
// the promotion sees it), and filled on a small tmpfs. Without root, chmod and
// a file size limit (ulimit -f) stand in for them.
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';

const isRoot = process.getuid?.() === 0;

export interface Command {
  command: string;
  args: string[];
  /** Undo what was done to the store for the command. */
  restore(): Promise<void>;
}

/** How readOnlyCommand makes the store read-only here. */
export function readOnlyKind(): string {
  return isRoot ? 'read-only bind mount (private mount namespace)' : 'chmod 0555';
}

/** `bash <args>` seeing `store` read-only. */
export async function readOnlyCommand(store: string, args: string[]): Promise<Command> {
  if (!isRoot) {
    await fs.chmod(store, 0o555);
    return { command: 'bash', args, restore: () => fs.chmod(store, 0o755) };
  }
  const script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec bash "$@"';
  return {
    command: 'unshare',
    args: ['--mount', '--propagation', 'private', 'sh', '-c', script, store, ...args],
    restore: async () => undefined,
  };
}

export interface FullVolume {
  /** tmpfs: a real small volume; file-size-limit: writes past 1 KiB fail (EFBIG). */
  kind: 'tmpfs' | 'file-size-limit';
  dir: string;
  /** Fill the volume to the last byte. */
  fill(): Promise<void>;
  /** Free the space fill() took. */
  drain(): Promise<void>;
  /** A command run as if on a full disk. */
  wrap(command: string, args: string[]): { command: string; args: string[] };
  release(): Promise<void>;
}

/** A folder on a small volume that tests can fill. */
export async function fullVolume(dir: string): Promise<FullVolume> {
  await fs.mkdir(dir, { recursive: true });
  const filler = path.join(dir, 'filler');
  try {
    if (!isRoot) throw new Error('not root');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0755', 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return {
      kind: 'file-size-limit',
      dir,
      fill: async () => undefined,
      drain: async () => undefined,
      wrap: (command, args) => ({
        command: 'bash',
        args: ['-c', 'ulimit -f 1 && exec "$@"', 'bash', command, ...args],
      }),
      release: async () => undefined,
    };
  }
  return {
    kind: 'tmpfs',
    dir,
    fill: async () => {
      const handle = await fs.open(filler, 'w');
      try {
        for (const block = Buffer.alloc(64 * 1024); ;) await handle.write(block);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      } finally {
        await handle.close();
      }
    },
    drain: () => fs.rm(filler, { force: true }),
    wrap: (command, args) => ({ command, args }),
    release: async () => {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    },
  };
}
