import type { Demo, DemoStep } from './demo';

/** Run the steps in order, each under a numbered bold title and its why. */
export async function runSteps(demo: Demo, steps: readonly DemoStep[]): Promise<void> {
  for (const [index, step] of steps.entries()) {
    console.log(`\n\x1b[1m== ${index + 1}. ${step.title}\x1b[0m`);
    if (step.why) console.log(`   ${step.why}`);
    await step.run(demo);
  }
}

/** Stop what the steps started, last started first. */
export async function stopStarted(demo: Demo): Promise<void> {
  while (demo.cleanups.length > 0) await demo.cleanups.pop()?.();
}
