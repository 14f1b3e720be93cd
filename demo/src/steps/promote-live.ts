import { waitUntilReady } from '@rings/child-process';
import { imageForm, request, showCall } from '../api-client';
import { apiUrlOf, type DemoStep } from '../demo';
import { promote } from './promote';

/** True once the API serves `version` (deployed.json names it at once; serving_version once it is warm). */
async function serves(base: string, version: string): Promise<boolean> {
  const { text } = await request(`${base}/deployed_version/`).catch(() => ({ text: '' }));
  try {
    return (JSON.parse(text) as { serving_version?: unknown }).serving_version === version;
  } catch {
    return false; // not JSON (yet): ask again
  }
}

export const promoteV2LiveStep: DemoStep = {
  title: 'Promote v2 while the API runs',
  why: 'the API loads v2 beside v1, warms it, switches, then retires v1.',
  async run(demo) {
    const base = apiUrlOf(demo);
    await promote(demo, 'v2');
    await waitUntilReady(() => serves(base, 'v2'), { what: 'v2 in the API', timeoutMs: 60_000 });
    await showCall(base, 'GET', '/deployed_version/');
    await showCall(base, 'POST', '/predict/', imageForm());
  },
};
