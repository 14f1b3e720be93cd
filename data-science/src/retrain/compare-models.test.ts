import type { ModelMetadata } from '@rings/ring-model';
import { splitOptionsOf, splitSeedOf } from './compare-models';

// Only the fields splitOptionsOf reads; the rest of a metadata.json does not matter here.
const metadataWith = (hyperparameters: Record<string, number>) =>
  ({ training: { hyperparameters }, labels: { num_classes: 7 } }) as unknown as ModelMetadata;

describe('splitOptionsOf', () => {
  it('when the metadata names a split seed, then the split uses it and not the seed', () => {
    expect(splitOptionsOf(metadataWith({ seed: 5, splitSeed: 9 }))).toEqual({
      splitSeed: 9,
      validationFraction: 0.1,
      testFraction: 0.1,
      numClasses: 7,
    });
  });

  it('when the metadata predates split seeds, then the seed split the data, as it did then', () => {
    expect(splitOptionsOf(metadataWith({ seed: 5, testFraction: 0.2 }))).toMatchObject({
      splitSeed: 5,
      testFraction: 0.2,
    });
  });

  it('when the metadata has neither, then training defaults apply', () => {
    expect(splitOptionsOf(metadataWith({}))).toMatchObject({ splitSeed: 42 });
  });
});

describe('splitSeedOf', () => {
  it('when retraining from a deployed version, then its split seed is the one its data was split with', () => {
    expect(splitSeedOf(metadataWith({ seed: 5, splitSeed: 9 }))).toBe(9);
    expect(splitSeedOf(metadataWith({ seed: 5 }))).toBe(5);
    expect(splitSeedOf(metadataWith({}))).toBeUndefined();
  });
});
