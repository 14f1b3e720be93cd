import { tf, verifiedInferencePlan } from '@rings/ring-model';
import { ARCHITECTURES, buildModel, type ArchitectureName } from './model';

// Fits and MLflow calls on a shared 2-core machine: the jest default of 5 s is too short.
jest.setTimeout(30_000);

describe('buildModel', () => {
  it.each(Object.keys(ARCHITECTURES) as ArchitectureName[])(
    'when architecture %s is built, then it maps [n, size, size, 1] to [n, K] probabilities',
    (architecture) => {
      const model = buildModel({ architecture, imageSize: 48, numClasses: 5 });
      expect(model.inputs[0].shape).toEqual([null, 48, 48, 1]);
      const probs = tf.tidy(() => model.predict(tf.zeros([2, 48, 48, 1])) as tf.Tensor2D);
      expect(probs.shape).toEqual([2, 5]);
      const sums = tf.tidy(() => probs.sum(1));
      for (const sum of sums.dataSync()) expect(sum).toBeCloseTo(1, 5);
      tf.dispose([probs, sums]);
      model.dispose();
    },
  );

  it('when the same seed is used twice, then the weights are identical; another seed differs', () => {
    const weights = (seed: number) => {
      const model = buildModel({ architecture: 'v1', imageSize: 32, seed });
      const values = Array.from(model.getWeights()[0].dataSync());
      model.dispose();
      return values;
    };
    expect(weights(3)).toEqual(weights(3));
    expect(weights(4)).not.toEqual(weights(3));
  });

  it('when v2 is built, then it is deeper than v1 and uses batch norm and global pooling', () => {
    const v1 = buildModel({ architecture: 'v1' });
    const v2 = buildModel({ architecture: 'v2' });
    const classes = (m: tf.LayersModel) => m.layers.map((l) => l.getClassName());
    expect(classes(v2).filter((c) => c === 'Conv2D').length).toBeGreaterThan(
      classes(v1).filter((c) => c === 'Conv2D').length,
    );
    expect(classes(v2)).toEqual(expect.arrayContaining(['BatchNormalization', 'GlobalAveragePooling2D']));
    v1.dispose();
    v2.dispose();
  });

  it('when v3 is built, then it has fewer weights than v2, is seeded, and the serving plan runs it', () => {
    const v2 = buildModel({ architecture: 'v2' });
    const v3 = buildModel({ architecture: 'v3', seed: 5 });
    const again = buildModel({ architecture: 'v3', seed: 5 });
    expect(v3.countParams()).toBeLessThan(v2.countParams() / 2);
    expect(v3.layers.map((l) => l.getClassName())).toContain('SeparableConv2D');
    const values = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
    expect(values(again)).toEqual(values(v3));
    const { plan, why } = verifiedInferencePlan(v3, v3.inputs[0].shape[1] as number);
    expect(why).toMatch(/^planned/);
    plan?.dispose();
    for (const m of [v2, v3, again]) m.dispose();
  });

  it('when the architecture is unknown, then the error lists the field', () => {
    expect(() => buildModel({ architecture: 'v9' as ArchitectureName })).toThrow(/architecture:/);
  });
});
