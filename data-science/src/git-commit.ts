import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** The checked-out commit of the repository around `cwd`, or null outside git. */
export async function readGitCommit(cwd = process.cwd()): Promise<string | null> {
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd, timeout: 5000 });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}
