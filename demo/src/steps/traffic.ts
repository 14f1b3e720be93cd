import { readFileSync } from 'node:fs';
import path from 'node:path';
import { imageForm, request } from '../api-client';
import { apiUrlOf, type DemoStep } from '../demo';
import { REPO_ROOT } from '../paths';

interface Compound {
  compound_id: string;
  num_rings: number;
  image: string;
}

const isUsable = (r: unknown): r is Compound => {
  const c = r as Partial<Compound> | null;
  return (
    typeof c?.compound_id === 'string' &&
    /^NSC\d+$/.test(c.compound_id) &&
    typeof c.num_rings === 'number' &&
    typeof c.image === 'string'
  );
};

/**
 * `count` records evenly spaced over raw-data: consecutive NSC numbers are
 * related molecules, and the first 60 alone would look like drift.
 */
function pickCompounds(count: number): Compound[] {
  const all = JSON.parse(
    readFileSync(path.join(REPO_ROOT, 'raw-data', 'compounds.json'), 'utf8'),
  ) as unknown[];
  const usable = all.filter(isUsable);
  const step = Math.max(1, Math.floor(usable.length / count));
  return usable.filter((_, i) => i % step === 0).slice(0, count);
}

/** Predict one compound, send its true ring count as feedback; true when the prediction was right. */
async function predictWithFeedback(
  base: string,
  compound: Compound,
  feedbackToken: string,
): Promise<boolean> {
  const answer = await request(`${base}/predict/`, {
    method: 'POST',
    body: imageForm(path.join('raw-data', compound.image)),
  });
  if (answer.status !== 200) throw new Error(`POST /predict/ answered ${answer.status}: ${answer.text}`);
  const prediction = JSON.parse(answer.text) as {
    prediction: number;
    probabilities: number[];
    request_id: string;
  };
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

const TRAFFIC = 60;

export const trafficStep: DemoStep = {
  title: 'Traffic and feedback',
  why: `predict ${TRAFFIC} raw-data images, then tell the API the true ring counts (POST /feedback/).`,
  async run(demo) {
    const base = apiUrlOf(demo);
    const compounds = pickCompounds(TRAFFIC);
    let right = 0;
    for (const compound of compounds) {
      if (await predictWithFeedback(base, compound, demo.config.tokens.feedback)) right += 1;
    }
    console.log(`   ${compounds.length} predictions, ${right} right; feedback sent for each`);
  },
};
