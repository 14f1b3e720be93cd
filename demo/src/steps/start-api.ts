import { answersOk, findFreePort, startProcess, waitUntilReady } from '@rings/child-process';
import { commandEnv, type DemoStep } from '../demo';
import { REPO_ROOT } from '../paths';

/** Above the API's default (120), unless the environment sets it. */
const FEEDBACK_PER_MINUTE = 1000;

export const startApiStep: DemoStep = {
  title: 'Start the API',
  why: 'it serves the deployed version and follows deployed.json for hot reloads.',
  async run(demo) {
    const port = demo.config.port ?? (await findFreePort());
    const url = `http://127.0.0.1:${port}`;
    const { tokens } = demo.config;
    const api = startProcess({
      command: process.execPath,
      args: ['demo-api/dist/main.js'],
      name: 'the API',
      cwd: REPO_ROOT,
      // production closes the feedback and operations routes without their tokens
      env: {
        // the demo's traffic is one client giving feedback on every answer of both versions
        RATE_LIMIT_FEEDBACK_PER_MINUTE: String(FEEDBACK_PER_MINUTE),
        ...commandEnv(demo),
        ...{ FEEDBACK_TOKEN: tokens.feedback, OPERATIONS_TOKEN: tokens.operations },
        ...{ PORT: String(port), NODE_ENV: 'production' },
      },
      output: { file: demo.paths.apiLog },
    });
    demo.cleanups.push(api.stop);
    await waitUntilReady(() => answersOk(`${url}/readyz`), {
      what: `the API at ${url}`,
      timeoutMs: 120_000,
      process: api,
    });
    demo.apiUrl = url;
    console.log(`   the API is ready at ${url} (log ${demo.paths.apiLog})`);
  },
};
