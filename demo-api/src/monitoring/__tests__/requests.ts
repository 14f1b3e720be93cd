import type { Express } from 'express';
import request from 'supertest';

/** One answered image of POST /predict/batch/. */
export interface BatchItem {
  request_id: string;
  prediction: number;
  confidence: number;
}

/** Predict PNGs through POST /predict/batch/, 32 per request; the answers in order. */
export async function predictAll(app: Express, pngs: Buffer[]): Promise<BatchItem[]> {
  const items: BatchItem[] = [];
  for (let start = 0; start < pngs.length; start += 32) {
    let req = request(app).post('/predict/batch/');
    pngs.slice(start, start + 32).forEach((png, i) => {
      req = req.attach('images', png, { filename: `m${start + i}.png`, contentType: 'image/png' });
    });
    const res = await req;
    if (res.status !== 200) throw new Error(`predict failed: ${res.status} ${JSON.stringify(res.body)}`);
    items.push(...(res.body as { predictions: BatchItem[] }).predictions);
  }
  return items;
}
