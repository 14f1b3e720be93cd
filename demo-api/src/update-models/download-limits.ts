// How much update-models downloads from the registry at most, spread into
// promoteEnvSchema. A registry version is whatever someone uploaded: bound it.
import { z } from 'zod';

const MIB = 1024 * 1024;
const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** Environment variables of registry downloads (all optional). */
export const downloadLimitsEnv = {
  MODEL_DOWNLOAD_MAX_JSON_BYTES: int(1, 1024 * MIB, 16 * MIB).describe(
    'largest model.json or metadata.json downloaded from MLflow',
  ),
  MODEL_DOWNLOAD_MAX_WEIGHTS_BYTES: int(1, 64 * 1024 * MIB, 512 * MIB).describe(
    "largest total of a version's weight files downloaded from MLflow",
  ),
  MODEL_DOWNLOAD_MAX_WEIGHT_FILES: int(1, 10_000, 64).describe(
    'most weight files a downloaded model.json may name',
  ),
};

export type DownloadLimits = z.infer<z.ZodObject<typeof downloadLimitsEnv>>;

/** The defaults, for callers that do not read the environment (tests). */
export const DEFAULT_DOWNLOAD_LIMITS: DownloadLimits = z.object(downloadLimitsEnv).parse({});
