// Evaluate an exported model version on the test split of any data: e.g. a
// model trained on NCI alone, on ChEMBL and PubChem molecules it never saw.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadModelFiles, tf, trainingRecipeSchema } from '@rings/ring-model';
import { z } from 'zod';
import { readCompoundGroups } from './compound-groups';
import { decodeSplit, readSplitRecords } from './data';
import { parseOptions } from './errors';
import { evaluateModel, type EvaluationReport } from './evaluate';

export const evaluateVersionOptionsSchema = trainingRecipeSchema
  .pick({ splitSeed: true, validationFraction: true, testFraction: true })
  .extend({
    model: z.string().min(1).describe('an exported version folder (model.json, weights.bin, metadata.json)'),
    data: z.string().default('data-science/data').describe('ingest output folder ("dir" or "name=dir")'),
    extraData: z.array(z.string()).default([]).describe('more ingest output folders'),
    out: z.string().optional().describe('write the evaluation JSON here'),
    groups: z
      .array(z.string())
      .default([])
      .describe(
        'CSV files of compound_id,<group> (e.g. from data-engineering ring-kinds): also score each group',
      ),
  });
export type EvaluateVersionOptions = z.input<typeof evaluateVersionOptionsSchema>;

/**
 * Score a saved model on the test split of the given data, split as training
 * splits it (same seed and fractions give the same test compounds).
 */
export async function evaluateVersion(input: EvaluateVersionOptions): Promise<EvaluationReport> {
  const o = parseOptions(evaluateVersionOptionsSchema, input, 'options');
  const { model, metadata } = await loadModelFiles(o.model);
  const numClasses = metadata.labels.num_classes;
  const groups = o.groups.length > 0 ? await readCompoundGroups(o.groups) : undefined;
  const { splits } = await readSplitRecords([o.data, ...o.extraData], { ...o, numClasses });
  const test = await decodeSplit(splits.test, metadata.input, numClasses, 8);
  try {
    const report = await evaluateModel(model, test, numClasses, { groups });
    if (o.out !== undefined) {
      await fs.mkdir(path.dirname(path.resolve(o.out)), { recursive: true });
      await fs.writeFile(o.out, `${JSON.stringify(report, null, 2)}\n`);
    }
    return report;
  } finally {
    tf.dispose([test.xs, test.ys]);
    model.dispose();
  }
}
