#!/usr/bin/env node
// npm run demo: parse the settings once, run the steps, stop what they started
// (unless --serve). Only this file sets the exit code.
import { stopAllOnSignals } from '@rings/child-process';
import { DemoConfigError, demoHelp, readDemoConfig } from './config';
import { createDemo } from './demo';
import { runSteps, stopStarted } from './run-steps';
import { DEMO_STEPS } from './steps';

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help')) return console.log(demoHelp());
  const started = performance.now();
  const demo = createDemo(readDemoConfig(process.env, argv));
  stopAllOnSignals(); // Ctrl-C stops MLflow, the API and a running command too
  try {
    await runSteps(demo, DEMO_STEPS);
  } finally {
    if (!demo.config.serve) await stopStarted(demo);
  }
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  console.log(
    demo.config.serve
      ? `\n   Steps done in ${minutes} min; MLflow and the API keep running; press Ctrl-C to stop them.`
      : `\nDemo complete in ${minutes} min. Run \`npm run demo -- --serve\` to keep the services up.`,
  );
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`\ndemo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = err instanceof DemoConfigError ? 2 : 1;
});
