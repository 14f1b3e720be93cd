// Experiments against the real server: get-or-create under concurrency, and the
// restore of a soft-deleted experiment.
import { MlflowResourceAlreadyExistsError, MlflowResourceDoesNotExistError } from './errors';
import { testClient, uniqueName } from './__tests__/real-server';

// The real server shares two cores with other suites: allow for slow moments.
jest.setTimeout(60_000);

const mlflow = testClient();

describe('experiments', () => {
  it('when eight callers get-or-create one new name at once, then they all get the same experiment', async () => {
    const name = uniqueName('race');
    const results = await Promise.all(Array.from({ length: 8 }, () => mlflow.experiments.getOrCreate(name)));
    expect(new Set(results.map((e) => e.experimentId)).size).toBe(1);
    expect(results[0]).toMatchObject({ name, lifecycleStage: 'active' });
    expect(results[0].artifactLocation).toMatch(/^mlflow-artifacts:\//);
    expect((await mlflow.experiments.getByName(name)).experimentId).toBe(results[0].experimentId);
  });

  it('when the experiment was soft-deleted, then get-or-create restores it (also when racing)', async () => {
    const name = uniqueName('deleted');
    const id = await mlflow.experiments.create(name, { tags: { team: 'rings' } });
    await mlflow.experiments.delete(id);
    expect((await mlflow.experiments.get(id)).lifecycleStage).toBe('deleted');
    await expect(mlflow.experiments.create(name)).rejects.toBeInstanceOf(MlflowResourceAlreadyExistsError);

    const restored = await Promise.all([1, 2, 3].map(() => mlflow.experiments.getOrCreate(name)));
    expect(restored.map((e) => [e.experimentId, e.lifecycleStage])).toEqual(
      [1, 2, 3].map(() => [id, 'active']),
    );
    expect((await mlflow.experiments.get(id)).tags).toEqual({ team: 'rings' });
  });

  it('when the name does not exist, then getByName throws MlflowResourceDoesNotExistError with the code', async () => {
    const err = await mlflow.experiments.getByName(uniqueName('missing')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MlflowResourceDoesNotExistError);
    expect(err).toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST', status: 404 });
  });
});
