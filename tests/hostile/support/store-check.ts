// What "the store stays consistent" means, checked from the outside.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { listStoredVersions, type DeployedPointer } from '@rings/ring-model';

const MODEL_FILES = ['metadata.json', 'model.json', 'weights.bin'];

/**
 * deployed.json parses and names a stored version; every visible version folder
 * is complete with readable metadata of its own name. Returns the pointer.
 */
export async function assertStoreConsistent(store: string): Promise<DeployedPointer & { stored: string[] }> {
  const listing = await listStoredVersions(store);
  if (!listing.deployed) throw new Error(`${store}: no deployed.json`);
  for (const v of listing.versions) {
    const files = (await fs.readdir(path.join(store, v.version))).sort();
    if (files.join() !== MODEL_FILES.join()) throw new Error(`${v.version} holds ${files.join(', ')}`);
    if (v.metadata?.version !== v.version) throw new Error(`${v.version}: unreadable metadata (${v.error})`);
  }
  const deployed = listing.deployed.version;
  if (!listing.versions.some((v) => v.version === deployed))
    throw new Error(`${deployed} is deployed but not stored`);
  return { ...listing.deployed, stored: listing.versions.map((v) => v.version) };
}
