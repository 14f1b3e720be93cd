import { createHash } from 'node:crypto';
import { copyFileSync, linkSync, lstatSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

/** Put a checked image (or an image of the existing dataset) at `to` in the staging folder. */
export type PlaceCommand =
  | { kind: 'checked'; from: string; to: string; sha256: string; dev: number; ino: number }
  | { kind: 'carry'; from: string; to: string };

const NO_LINK = new Set(['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP', 'EOPNOTSUPP', 'EACCES']);

/**
 * Places images: a hard link when allowed and possible (verified to be the very
 * inode that was checked), else a copy of bytes whose sha256 matches the check.
 * Linking stops after the first failure that says it cannot work here.
 */
export function createImagePlacer(allowLinks: boolean): (command: PlaceCommand) => void {
  let linking = allowLinks;
  const tryLink = (command: PlaceCommand): boolean => {
    if (!linking) return false;
    try {
      linkSync(command.from, command.to);
    } catch (error) {
      if (!NO_LINK.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
      linking = false;
      return false;
    }
    if (command.kind === 'carry') return true;
    const stat = lstatSync(command.to);
    if (stat.dev === command.dev && stat.ino === command.ino) return true;
    rmSync(command.to); // replaced since it was checked: copy it if the bytes are still the checked ones
    return false;
  };

  return (command) => {
    if (tryLink(command)) return;
    if (command.kind === 'carry') {
      copyFileSync(command.from, command.to);
      return;
    }
    const bytes = readFileSync(command.from);
    if (createHash('sha256').update(bytes).digest('hex') !== command.sha256) {
      throw new Error(`${command.from} changed during the ingest; run it again`);
    }
    writeFileSync(command.to, bytes, { flag: 'wx' });
  };
}
