import { promises as fs } from 'node:fs';
import { formatZodIssues } from '@rings/zod-issues';
import { z } from 'zod';
import { versionNameSchema } from '../version-name';
import { writeFileAtomic } from './atomic-file';
import { ModelStoreError } from './errors';
import { storePaths } from './layout';

/** deployed.json: which stored version serves, since when, and what served before it. */
export const deployedPointerSchema = z.object({
  version: versionNameSchema.describe('the deployed version, a folder of the store'),
  promoted_at: z.iso.datetime().describe('when it was promoted (ISO 8601, UTC)'),
  previous: versionNameSchema
    .nullable()
    .default(null)
    .describe('the version deployed before, for --rollback'),
});
export type DeployedPointer = z.infer<typeof deployedPointerSchema>;

/** Parse the text of deployed.json; throws ModelStoreError POINTER_INVALID with every problem. */
export function parseDeployedPointer(text: string, source = 'deployed.json'): DeployedPointer {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ModelStoreError('POINTER_INVALID', `${source} is not JSON: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const result = deployedPointerSchema.safeParse(json);
  if (!result.success) {
    const lines = formatZodIssues(result.error.issues);
    throw new ModelStoreError('POINTER_INVALID', `${source} is not a valid pointer:\n${lines}`);
  }
  return result.data;
}

/** The deployed pointer of a store, or null when nothing was ever promoted. */
export async function readDeployedPointer(storeDir: string): Promise<DeployedPointer | null> {
  const file = storePaths(storeDir).deployed;
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return parseDeployedPointer(text, file);
}

/** Replace deployed.json atomically (callers hold the store lock). */
export async function writeDeployedPointer(
  storeDir: string,
  pointer: DeployedPointer,
  beforeRename?: () => void | Promise<void>,
): Promise<void> {
  const valid = deployedPointerSchema.parse(pointer);
  await writeFileAtomic(storePaths(storeDir).deployed, `${JSON.stringify(valid, null, 2)}\n`, beforeRename);
}
