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
}

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
};
