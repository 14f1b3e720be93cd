import { createHash } from 'node:crypto';

/**
 * Uniform numbers in [0, 1) that depend on `key` alone: the SHA-256 of the key
 * and a block counter gives eight draws per block.
 */
export function seededDraws(key: string): () => number {
  let block = 0;
  let digest = Buffer.alloc(0);
  let index = 0;
  return () => {
    if (index * 4 >= digest.length) {
      digest = createHash('sha256').update(`${key}\0${block}`).digest();
      block += 1;
      index = 0;
    }
    const value = digest.readUInt32BE(index * 4) / 2 ** 32;
    index += 1;
    return value;
  };
}
