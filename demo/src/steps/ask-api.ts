import { imageForm, showCall } from '../api-client';
import { apiUrlOf, type DemoStep } from '../demo';

export const askApiStep: DemoStep = {
  title: 'Ask the API',
  why: "the original demo's calls.",
  async run(demo) {
    const base = apiUrlOf(demo);
    await showCall(base, 'GET', '/');
    await showCall(base, 'GET', '/models/');
    await showCall(base, 'GET', '/deployed_version/');
    await showCall(base, 'POST', '/predict/', imageForm());
  },
};
