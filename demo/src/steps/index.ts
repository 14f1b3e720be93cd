// The walkthrough, in order: each step prints its title, why, and what it does.
import type { DemoStep } from '../demo';
import { askApiStep } from './ask-api';
import { chemblBatchStep } from './chembl-batch';
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

export const trainV1Step = trainStep('v1', 'the small baseline CNN of the original story, on the NCI batch.');
export const trainV2Step = trainStep(
  'v2',
  'a deeper CNN with batch norm, on NCI + ChEMBL: the better version we will switch to live.',
);
const trafficV1Step = trafficStep(
  'v1',
  'users send drug-like molecules that no version trained on; each answer gets its true ring count.',
);
const trafficV2Step = trafficStep('v2', 'the same molecules and feedback, now answered by v2.');

export const DEMO_STEPS: readonly DemoStep[] = [
  installStep,
  startCleanStep,
  startMlflowStep,
  ingestStep,
  trainV1Step,
  chemblBatchStep,
  trainV2Step,
  promoteV1Step,
  startApiStep,
  askApiStep,
  trafficV1Step,
  promoteV2LiveStep,
  trafficV2Step,
  monitoringStep,
  whereToLookStep,
];

export { startCleanStep, startMlflowStep, ingestStep, chemblBatchStep };
