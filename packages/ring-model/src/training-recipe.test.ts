import { DEFAULT_NUM_CLASSES } from './labels';
import { TRAINING_RECIPE_DEFAULTS, trainingRecipeSchema } from './training-recipe';

describe('trainingRecipeSchema', () => {
  it('when nothing is given, then the documented defaults apply', () => {
    expect(TRAINING_RECIPE_DEFAULTS).toMatchObject({
      epochs: 22,
      batchSize: 64,
      imageSize: 80,
      numClasses: DEFAULT_NUM_CLASSES,
      seed: 42,
    });
  });

  it('when a field is out of range, then parsing names it', () => {
    const result = trainingRecipeSchema.safeParse({ epochs: 0, testFraction: 0.9 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['epochs', 'testFraction']);
  });

  it('when a CLI builds its help, then every field has a description', () => {
    for (const [key, field] of Object.entries(trainingRecipeSchema.shape)) {
      expect([key, field.description]).toEqual([key, expect.stringMatching(/\w/)]);
    }
  });
});
