import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { imageForm, request } from '../api-client';
import { apiUrlOf, type DemoStep } from '../demo';

/** Drug-like molecules the traffic sends to each version: the ones after the ChEMBL batch in its source. */
export const TRAFFIC_MOLECULES = 100;

const compoundSchema = z.object({
  compound_id: z.string(),
  num_rings: z.number().int().min(0),
  image: z.string(),
});
type Compound = z.infer<typeof compoundSchema>;

/** The rendered molecules of a build-raw-data folder (those RDKit could not draw have no image). */
export function readCompounds(rawDir: string): Compound[] {
  const all = z
    .array(z.unknown())
    .parse(JSON.parse(readFileSync(path.join(rawDir, 'compounds.json'), 'utf8')));
  return all.flatMap((record) => {
    const parsed = compoundSchema.safeParse(record);
    return parsed.success ? [parsed.data] : [];
  });
}

const predictionSchema = z.object({
  prediction: z.number(),
  probabilities: z.array(z.number()),
  model_version: z.string(),
  request_id: z.string(),
});

/** Predict one compound, send its true ring count as feedback; true when the prediction was right. */
async function predictWithFeedback(
  base: string,
  image: string,
  compound: Compound,
  feedbackToken: string,
  version: string,
): Promise<boolean> {
  const answer = await request(`${base}/predict/`, { method: 'POST', body: imageForm(image) });
  if (answer.status !== 200) throw new Error(`POST /predict/ answered ${answer.status}: ${answer.text}`);
  const prediction = predictionSchema.parse(JSON.parse(answer.text));
  if (prediction.model_version !== version)
    throw new Error(`POST /predict/ was answered by ${prediction.model_version}, not ${version}`);
  const feedback = await request(`${base}/feedback/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${feedbackToken}` },
    body: JSON.stringify({ request_id: prediction.request_id, num_rings: compound.num_rings }),
  });
  if (feedback.status >= 400)
    throw new Error(`POST /feedback/ answered ${feedback.status}: ${feedback.text}`);
  const lastClass = prediction.probabilities.length - 1; // the last class means "that many or more"
  return prediction.prediction === Math.min(compound.num_rings, lastClass);
}

/** Send the drug-like traffic to the serving `version`, with the true ring count of each as feedback. */
export function trafficStep(version: string, why: string): DemoStep {
  return {
    title: `Traffic and feedback on ${version}`,
    why,
    async run(demo) {
      const base = apiUrlOf(demo);
      const rawDir = demo.paths.trafficRaw;
      const compounds = readCompounds(rawDir);
      console.log(
        `   POST /predict/ for each of ${compounds.length} drug-like images in ${rawDir}, then POST /feedback/ with its true ring count`,
      );
      let right = 0;
      for (const compound of compounds) {
        const image = path.join(rawDir, compound.image);
        if (await predictWithFeedback(base, image, compound, demo.config.tokens.feedback, version))
          right += 1;
      }
      const share = compounds.length > 0 ? (right / compounds.length).toFixed(3) : 'n/a';
      console.log(`   ${version}: ${right} of ${compounds.length} right (${share}); feedback sent for each`);
    },
  };
}
