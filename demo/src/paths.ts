import path from 'node:path';

/** The repository root (this file is in demo/src or demo/dist). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The image of the original demo's curl calls: an anthraquinone amine, 3 rings. */
export const SAMPLE_IMAGE = 'raw-data/images/NSC5.png';

/** What the demo keeps in its folder; a new run removes these and nothing else. */
export interface DemoPaths {
  dir: string;
  mlflow: string;
  /** the NCI batch's dataset */
  data: string;
  /** the ChEMBL batch as the upstream export (compounds.json + images/) */
  chemblRaw: string;
  /** the ChEMBL batch's dataset */
  chemblData: string;
  /** drug-like molecules no version trains on: the traffic's images */
  trafficRaw: string;
  dlq: string;
  trained: string;
  reports: string;
  store: string;
  apiLog: string;
}

export function demoPaths(dir: string): DemoPaths {
  return {
    dir,
    mlflow: path.join(dir, 'mlflow'),
    data: path.join(dir, 'data'),
    chemblRaw: path.join(dir, 'raw-data-chembl'),
    chemblData: path.join(dir, 'data-chembl'),
    trafficRaw: path.join(dir, 'raw-data-traffic'),
    dlq: path.join(dir, 'dlq.log'),
    trained: path.join(dir, 'trained'),
    reports: path.join(dir, 'reports'),
    store: path.join(dir, 'models'),
    apiLog: path.join(dir, 'demo-api.log'),
  };
}
