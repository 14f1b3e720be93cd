import { tf } from '@rings/ring-model';
import { requirePart } from '../parts';

/** What the training benchmark needs from data-science (issue 5). */
export interface TrainingParts {
  architectures: string[];
  batchSize: number;
  /** a compiled model of the named architecture, as training builds it */
  build(architecture: string): tf.LayersModel;
}

interface BuildOptions {
  architecture: string;
}

/** data-science's model builder, or NOT_BUILT. */
export async function loadTrainingParts(): Promise<TrainingParts> {
  const buildModel = await requirePart<(o: BuildOptions) => tf.LayersModel>(
    () => import('@rings/data-science'),
    'buildModel',
    '@rings/data-science (issue 5)',
  );
  return {
    architectures: ['v1', 'v2'],
    batchSize: 32,
    build: (architecture) => buildModel({ architecture }),
  };
}
