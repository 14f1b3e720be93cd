import { listStoredVersions, type StoreListing } from '@rings/ring-model';

/** The store as a table: one line per version, the deployed one marked with '*'. */
export function formatListing(listing: StoreListing, storeDir: string): string {
  if (listing.versions.length === 0) return `the model store ${storeDir} is empty`;
  const rows = listing.versions.map((v) => {
    const m = v.metadata;
    const accuracy = m?.metrics.accuracy;
    return [
      v.version,
      m ? m.created_at : 'unreadable',
      m ? m.training.architecture : (v.error ?? '').split('\n')[0],
      accuracy === undefined ? '' : `accuracy ${accuracy.toFixed(3)}`,
    ];
  });
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = rows.map((r, row) => {
    const marker = listing.versions[row].deployed ? '* ' : '  ';
    return (
      marker +
      r
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd()
    );
  });
  return [`model store ${storeDir}`, ...lines, describeDeployed(listing)].join('\n');
}

function describeDeployed(listing: StoreListing): string {
  if (listing.deployedError) {
    return `deployed: unreadable (${listing.deployedError.split('\n')[0]}); promote a version to repair it`;
  }
  return listing.deployed
    ? `deployed: ${listing.deployed.version} since ${listing.deployed.promoted_at} (previous: ${listing.deployed.previous ?? 'none'})`
    : 'deployed: nothing yet';
}

/** List the store. */
export function listCommand(storeDir: string): Promise<StoreListing> {
  return listStoredVersions(storeDir);
}
