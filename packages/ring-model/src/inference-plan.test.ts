import { compileInferencePlan, planDeviation, verifiedInferencePlan } from './inference-plan';
import { tf } from './tensorflow';

const size = 24;

/** conv + batch norm + ReLU blocks, pooling, global average, dropout, softmax (like data-science's v2). */
function batchNormModel(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: [size, size, 1] }));
  model.add(tf.layers.conv2d({ filters: 4, kernelSize: 5, strides: 2, padding: 'same', useBias: false }));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.reLU());
  model.add(tf.layers.conv2d({ filters: 6, kernelSize: 3, padding: 'same', useBias: true }));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.reLU());
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.globalAveragePooling2d({}));
  model.add(tf.layers.dropout({ rate: 0.2 }));
  model.add(tf.layers.dense({ units: 7, activation: 'softmax' }));
  setTrainedBatchNormStatistics(model);
  return model;
}

/** Trained-looking batch norm statistics, so folding is really exercised. */
function setTrainedBatchNormStatistics(model: tf.LayersModel): void {
  for (const layer of model.layers.filter((l) => l.getClassName() === 'BatchNormalization')) {
    layer.setWeights(
      layer.getWeights().map((w, i) => tf.randomUniform(w.shape, i === 3 ? 0.5 : -0.5, i === 3 ? 2 : 0.5)),
    );
  }
}

/** strided separable convolutions with and without batch norm, one with a depth multiplier (like data-science's v3). */
function separableModel(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: [size, size, 1] }));
  model.add(tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', useBias: false }));
  model.add(
    tf.layers.separableConv2d({ filters: 6, kernelSize: 3, strides: 2, padding: 'same', useBias: false }),
  );
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.reLU());
  model.add(
    tf.layers.separableConv2d({
      filters: 5,
      kernelSize: 3,
      depthMultiplier: 2,
      activation: 'relu',
      useBias: true,
    }),
  );
  model.add(tf.layers.globalAveragePooling2d({}));
  model.add(tf.layers.dense({ units: 7, activation: 'softmax' }));
  setTrainedBatchNormStatistics(model);
  return model;
}

/** conv + ReLU, pooling, flatten, dense ReLU, dropout, softmax (like data-science's v1). */
function plainModel(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: [size, size, 1] }));
  model.add(tf.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 8, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.3 }));
  model.add(tf.layers.dense({ units: 5, activation: 'softmax' }));
  return model;
}

describe('compileInferencePlan', () => {
  it.each([
    // 10 layers: 2 fused convolutions, pool, average, dense, softmax.
    ['batch norm folded into convolutions', batchNormModel, 6],
    // 6 layers: convolution, pool, flatten, dense, dense, softmax (dropout gone).
    ['plain convolutions and dense layers', plainModel, 6],
    // 8 layers: convolution, 2 x (depthwise + fused 1x1), average, dense, softmax.
    ['separable convolutions, strided and with a depth multiplier', separableModel, 8],
  ])('when a model has %s, then the plan predicts what the model predicts', (_, make, ops) => {
    const model = make();
    const plan = compileInferencePlan(model);
    expect(plan).not.toBeNull();
    expect(plan?.ops).toBe(ops);
    expect(planDeviation(plan!, model, size)).toBeLessThan(1e-5);
    plan?.dispose();
    model.dispose();
  });

  it('when a model has a layer the plan does not know, then no plan and the reason', () => {
    const model = tf.sequential();
    model.add(tf.layers.inputLayer({ inputShape: [size, size, 1] }));
    model.add(tf.layers.averagePooling2d({ poolSize: 2 }));
    model.add(tf.layers.flatten());
    model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
    const reasons: string[] = [];
    const before = tf.memory().numTensors;
    expect(compileInferencePlan(model, (why) => reasons.push(why))).toBeNull();
    expect(reasons).toEqual(['not planned: layer AveragePooling2D']);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('when a plan predicts and is disposed, then no tensor is left and the model still works', () => {
    const model = batchNormModel();
    const before = tf.memory().numTensors;
    const plan = compileInferencePlan(model)!;
    const x = tf.randomUniform([3, size, size, 1]);
    for (let i = 0; i < 5; i++) plan.predict(x).dispose();
    x.dispose();
    plan.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const y = model.predict(tf.zeros([1, size, size, 1])) as tf.Tensor;
    expect(y.shape).toEqual([1, 7]);
    tf.dispose(y);
    model.dispose();
  });
});

describe('verifiedInferencePlan', () => {
  it('when the plan matches the model, then it is returned with its size', () => {
    const model = batchNormModel();
    const { plan, why } = verifiedInferencePlan(model, size);
    expect(why).toBe('planned (6 ops)');
    plan?.dispose();
    model.dispose();
  });

  it('when the model cannot be planned, then null and the reason', () => {
    const model = tf.sequential();
    model.add(tf.layers.averagePooling2d({ poolSize: 2, inputShape: [size, size, 1] }));
    model.add(tf.layers.flatten());
    model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
    const before = tf.memory().numTensors;
    expect(verifiedInferencePlan(model, size)).toEqual({
      plan: null,
      why: 'not planned: layer AveragePooling2D',
    });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
