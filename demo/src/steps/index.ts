// The walkthrough, in order: each step prints its title, why, and what it does.
import type { DemoStep } from '../demo';
import { askApiStep } from './ask-api';
import { ingestStep } from './ingest';
import { installStep } from './install';
import { monitoringStep } from './monitoring';
import { promoteV1Step } from './promote';
import { promoteV2LiveStep } from './promote-live';
import { startApiStep } from './start-api';
import { startCleanStep } from './start-clean';
import { startMlflowStep } from './start-mlflow';
import { trafficStep } from './traffic';
import { trainStep } from './train';
import { whereToLookStep } from './where-to-look';

export const trainV1Step = trainStep('v1', 'the small baseline CNN of the original story.');
export const trainV2Step = trainStep(
  'v2',
  'a deeper CNN with batch norm: the better version we will switch to live.',
);

export const DEMO_STEPS: readonly DemoStep[] = [
  installStep,
  startCleanStep,
  startMlflowStep,
  ingestStep,
  trainV1Step,
  trainV2Step,
  promoteV1Step,
  startApiStep,
  askApiStep,
  promoteV2LiveStep,
  trafficStep,
  monitoringStep,
  whereToLookStep,
];

export { startCleanStep, startMlflowStep, ingestStep };
