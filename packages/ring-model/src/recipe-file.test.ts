import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { encodeModelMetadata, parseModelMetadata } from './metadata';
import { recipeToFileRecord } from './recipe-file';
import { TRAINING_RECIPE_DEFAULTS, trainingRecipeSchema } from './training-recipe';

// Written by trainVersion before the recipe was typed (hyperparameters: an untyped snake_case record).
const OLD_FILE = path.join(__dirname, '__tests__', 'fixtures', 'metadata-before-recipe.json');

describe('the training recipe in metadata.json', () => {
  it('when a file written before the typed recipe is read, then it loads with its recipe in camelCase', async () => {
    const metadata = parseModelMetadata(JSON.parse(await readFile(OLD_FILE, 'utf8')));
    expect(metadata.training.hyperparameters).toEqual({
      epochs: 2,
      batchSize: 8,
      imageSize: 32,
      preprocessing: 'decode-then-linear',
      numClasses: 4,
      learningRate: 0.001,
      schedule: 'cosine',
      classWeight: 'none',
      augment: true,
      scaleJitter: 0.1,
      seed: 42,
      validationFraction: 0.1,
      testFraction: 0.1,
    });
    expect(metadata.training.architecture).toBe('v1');
  });

  it('when metadata is encoded, then the file has the same snake_case keys old files have', async () => {
    const old = JSON.parse(await readFile(OLD_FILE, 'utf8'));
    const { architecture: _architecture, ...oldRecipe } = old.training.hyperparameters;
    const encoded = encodeModelMetadata(parseModelMetadata(old));
    expect(encoded.training.hyperparameters).toEqual(oldRecipe);
  });

  it("when a file lacks recipe fields (older files), then they stay absent, not today's defaults", () => {
    const old = { epochs: 3, filters: 2 };
    const metadata = parseModelMetadata(metadataWith(old));
    expect(metadata.training.hyperparameters).toEqual({ epochs: 3 });
  });

  it('when a recorded recipe field has the wrong type, then the error names the field', () => {
    expect(() => parseModelMetadata(metadataWith({ batch_size: 'big' }))).toThrow(
      /training\.hyperparameters\.batchSize: .*expected number/,
    );
  });

  it('when the recipe is written for MLflow and files, then every field has its snake_case name', () => {
    expect(recipeToFileRecord(TRAINING_RECIPE_DEFAULTS)).toMatchObject({
      batch_size: 64,
      image_size: 80,
      num_classes: 7,
      learning_rate: 0.002,
      class_weight: 'sqrt',
      scale_jitter: 0.1,
      validation_fraction: 0.1,
      test_fraction: 0.1,
    });
    expect(Object.keys(recipeToFileRecord(TRAINING_RECIPE_DEFAULTS))).toHaveLength(
      Object.keys(trainingRecipeSchema.shape).length,
    );
  });
});

function metadataWith(hyperparameters: Record<string, unknown>): unknown {
  return {
    schema_version: 1,
    name: 'ring-counter',
    version: 'v1',
    created_at: '2026-01-01T00:00:00.000Z',
    input: { size: 32 },
    labels: { num_classes: 2, names: ['0', '1+'] },
    training: { architecture: 'v1', hyperparameters, dataset_version: 'd' },
  };
}
