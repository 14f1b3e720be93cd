// The few fields of the train command's evaluation.json the demo prints: the
// test split's exact accuracy and MAE per source. Read as the client it is.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const scoresSchema = z.object({ n: z.number().int(), accuracy: z.number(), mae: z.number() });

export const evaluationSummaryInputSchema = scoresSchema.extend({
  by_source: z.record(z.string(), scoresSchema),
});
export type EvaluationSummaryInput = z.infer<typeof evaluationSummaryInputSchema>;

/** What each source of the demo stands for. */
const SOURCE_NAMES: Record<string, string> = {
  nci: 'NCI',
  chembl: 'drug-like (ChEMBL)',
};

/** One line per source of the test split, then the whole split's. */
export function summarizeEvaluation(version: string, report: EvaluationSummaryInput): string[] {
  const line = (name: string, s: z.infer<typeof scoresSchema>): string =>
    `${version} on the ${name} test split: exact accuracy ${s.accuracy.toFixed(3)}, MAE ${s.mae.toFixed(3)} (${s.n} images)`;
  const sources = Object.entries(report.by_source).map(([source, s]) =>
    line(SOURCE_NAMES[source] ?? source, s),
  );
  return sources.length > 1 ? [...sources, line('whole', report)] : sources;
}

/** Read <reports>/<version>/evaluation.json; throws naming the file when it is not one. */
export function readEvaluation(file: string): EvaluationSummaryInput {
  const parsed = evaluationSummaryInputSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`${file} is not an evaluation report:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
