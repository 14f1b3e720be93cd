/** How long and how often each benchmark measures; --quick trades precision for minutes. */
export interface Settings {
  mode: 'quick' | 'full';
  /** repetitions of each timed comparison */
  repetitions: number;
  ingest: {
    /** records of the synthetic large set (issue 3: 100,000) */
    largeRecords: number;
  };
  train: {
    /** images fitted per epoch */
    images: number;
    warmupEpochs: number;
  };
  serve: {
    concurrency: number[];
    /** seconds of load per measurement (also capped at maxRequests) */
    seconds: number;
    maxRequests: number;
    warmupSeconds: number;
    /** requests after which resident memory is compared (issue 9: 1,000 and 10,000) */
    memoryCheckpoints: [number, number];
    /** images predicted per batch size and repetition of the in-process limit */
    limitImages: number;
  };
  admission: {
    /** seconds the well-behaved client is measured per phase (alone, under abuse) */
    seconds: number;
    /** the well-behaved client: connections and requests/s (the request limit is 600/min) */
    wellConnections: number;
    wellRate: number;
    /** the abusive client: connections, requests/s, images per batch, their side in pixels */
    abuseConnections: number;
    abuseRate: number;
    abuseImages: number;
    abuseSide: number;
  };
}

const ADMISSION_CLIENTS = {
  wellConnections: 4,
  wellRate: 9,
  abuseConnections: 4,
  // The finding: one client saturates the CPU within the request limit (600/min).
  abuseRate: 10,
  abuseImages: 32,
  abuseSide: 4096,
};

export const FULL: Settings = {
  mode: 'full',
  repetitions: 5,
  ingest: { largeRecords: 100_000 },
  train: { images: 256, warmupEpochs: 1 },
  serve: {
    concurrency: [1, 16, 64],
    seconds: 10,
    maxRequests: 50_000,
    warmupSeconds: 3,
    memoryCheckpoints: [1_000, 10_000],
    limitImages: 256,
  },
  admission: { seconds: 30, ...ADMISSION_CLIENTS },
};

export const QUICK: Settings = {
  mode: 'quick',
  repetitions: 3,
  ingest: { largeRecords: 20_000 },
  train: { images: 128, warmupEpochs: 1 },
  serve: {
    concurrency: [1, 16, 64],
    seconds: 5,
    maxRequests: 20_000,
    warmupSeconds: 2,
    memoryCheckpoints: [1_000, 10_000],
    limitImages: 128,
  },
  admission: { seconds: 15, ...ADMISSION_CLIENTS },
};
