import { readTrainingEnv } from './config';

describe('readTrainingEnv', () => {
  it.each([
    [{}, { MLFLOW_EXPERIMENT: 'ring-count', MODEL_NAME: 'ring-counter' }],
    [
      { MLFLOW_EXPERIMENT: 'exp', MODEL_NAME: 'm-1' },
      { MLFLOW_EXPERIMENT: 'exp', MODEL_NAME: 'm-1' },
    ],
    [
      { MLFLOW_EXPERIMENT: '', MODEL_NAME: '' },
      { MLFLOW_EXPERIMENT: 'ring-count', MODEL_NAME: 'ring-counter' },
    ],
  ])('when the environment is %j, then the config is %j', (env, expected) => {
    expect(readTrainingEnv(env)).toEqual(expected);
  });

  it('when MODEL_NAME is unsafe, then the error names the variable', () => {
    expect(() => readTrainingEnv({ MODEL_NAME: "a'; drop" })).toThrow(/MODEL_NAME: use letters/);
  });
});
