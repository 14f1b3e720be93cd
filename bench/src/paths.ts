import path from 'node:path';

/** The repository root (bench/dist/ or bench/src/ sit two levels below it). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** The Python peers. */
export const PEERS_DIR = path.join(REPO_ROOT, 'bench', 'peers');
/** Where results files go. */
export const RESULTS_DIR = path.join(REPO_ROOT, 'bench', 'results');
/** The committed raw data set (issue 3). */
export const RAW_DATA_DIR = path.join(REPO_ROOT, 'raw-data');
