import { z } from 'zod';
import { DEFAULT_DRIFT_THRESHOLDS, DRIFT_LEVELS } from './drift-thresholds';

const { psiWarn, psiAlert, ksWarnP, ksAlertP } = DEFAULT_DRIFT_THRESHOLDS;
const nullableNumber = z.number().nullable();

/** How one statistic's live window compares with its baseline (a part of the monitoring report). */
export const statisticDriftSchema = z.object({
  method: z
    .enum(['psi', 'psi+ks'])
    .nullable()
    .describe(
      'psi+ks: the lower of the PSI and KS levels (a shift must be large by PSI and unlikely ' +
        'to be chance by KS); psi: PSI alone (baseline without samples); null: too little data',
    ),
  level: z.enum(DRIFT_LEVELS),
  psi: nullableNumber.describe(
    `population stability index over the baseline bins (default ${psiWarn} warn, ${psiAlert} alert)`,
  ),
  ks_statistic: nullableNumber.describe('two-sample KS statistic D against the baseline sample'),
  ks_p_value: nullableNumber.describe(`KS p-value (default below ${ksWarnP} warn, ${ksAlertP} alert)`),
  window_size: z.number().int(),
  live_mean: nullableNumber,
  baseline_mean: nullableNumber,
  edges: z.array(z.number()).describe('bin edges of the baseline histogram'),
  baseline_counts: z.array(z.number().int()).describe('baseline counts per bin'),
  live_counts: z.array(z.number().int()).describe('live counts per bin'),
});
export type StatisticDrift = z.infer<typeof statisticDriftSchema>;
