// The model registry against the real server: versions from a run's
// artifacts, the `champion` alias moved between them, search and tags.
import path from 'node:path';
import { testClient, uniqueName } from './__tests__/real-server';

// The real server shares two cores with other suites: allow for slow moments.
jest.setTimeout(60_000);

const mlflow = testClient();

async function runWithModel(experimentId: string, runName: string) {
  const { info } = await mlflow.runs.create({ experimentId, runName });
  await mlflow.artifacts.uploadFile(
    info.artifactUri,
    path.join(__dirname, '..', 'package.json'),
    'model/model.json',
  );
  return info;
}

describe('registry', () => {
  it('when two versions are registered, then the champion alias moves between them and search sees both', async () => {
    const name = uniqueName('ring-counter');
    const { experimentId } = await mlflow.experiments.getOrCreate(uniqueName('registry'));
    const models = await Promise.all(
      [1, 2, 3].map(() => mlflow.registry.ensureRegisteredModel(name, { description: 'rings' })),
    );
    expect(models.map((m) => m.name)).toEqual([name, name, name]);

    const runs = [await runWithModel(experimentId, 'first'), await runWithModel(experimentId, 'second')];
    const versions = [];
    for (const run of runs) {
      const source = `${run.artifactUri}/model`;
      versions.push(
        await mlflow.registry.createModelVersion({ name, source, runId: run.runId, tags: { dataset: 'd1' } }),
      );
    }
    expect(versions.map((v) => [v.version, v.status, v.runId])).toEqual([
      ['1', 'READY', runs[0].runId],
      ['2', 'READY', runs[1].runId],
    ]);
    expect(await mlflow.registry.getVersionByAlias(name, 'champion')).toBeUndefined();

    await mlflow.registry.setAlias(name, 'champion', 1);
    expect((await mlflow.registry.getVersionByAlias(name, 'champion'))?.version).toBe('1');
    await mlflow.registry.setAlias(name, 'champion', '2');
    const champion = await mlflow.registry.getVersionByAlias(name, 'champion');
    expect(champion).toMatchObject({
      version: '2',
      aliases: ['champion'],
      source: `${runs[1].artifactUri}/model`,
    });
    expect((await mlflow.registry.getModelVersion(name, 1)).aliases).toEqual([]);
    expect((await mlflow.registry.getRegisteredModel(name)).aliases).toEqual({ champion: '2' });

    await mlflow.registry.setVersionTag(name, 2, 'validated', true);
    expect((await mlflow.registry.getModelVersion(name, 2)).tags).toEqual({
      dataset: 'd1',
      validated: 'true',
    });

    const filter = `name = '${name}'`;
    for (const [orderBy, order] of [
      [
        ['version_number ASC', 'creation_timestamp DESC'],
        ['1', '2'],
      ],
      [
        ['version_number DESC', 'creation_timestamp ASC'],
        ['2', '1'],
      ],
    ]) {
      const page = await mlflow.registry.searchVersions({ filter, orderBy });
      expect(page.items.map((v) => v.version)).toEqual(order);
    }

    await mlflow.registry.deleteAlias(name, 'champion');
    await mlflow.registry.deleteAlias(name, 'champion');
    expect(await mlflow.registry.getVersionByAlias(name, 'champion')).toBeUndefined();
  });

  it('when the registered model does not exist, then a version cannot be created and no alias resolves', async () => {
    const name = uniqueName('nobody');
    const { experimentId } = await mlflow.experiments.getOrCreate(uniqueName('registry'));
    const run = await runWithModel(experimentId, 'orphan');
    await expect(
      mlflow.registry.createModelVersion({ name, source: `${run.artifactUri}/model` }),
    ).rejects.toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST', status: 404 });
    expect(await mlflow.registry.getVersionByAlias(name, 'champion')).toBeUndefined();
  });

  it('when the alias request itself is invalid (no model name), then MlflowInvalidParameterError, not "no alias"', async () => {
    // MLflow answers an unset alias and a bad request alike (400 INVALID_PARAMETER_VALUE),
    // and both messages name the alias route: only the model's alias table tells them apart.
    await expect(mlflow.registry.getVersionByAlias('', 'champion')).rejects.toMatchObject({
      code: 'INVALID_PARAMETER_VALUE',
      status: 400,
      request: 'GET /api/2.0/mlflow/registered-models/alias',
    });
  });

  it('when the source is not inside the given run, then MlflowInvalidParameterError', async () => {
    const name = uniqueName('mismatch');
    await mlflow.registry.createRegisteredModel(name);
    const source = 'mlflow-artifacts:/0/00000000000000000000000000000000/artifacts/model';
    await expect(
      mlflow.registry.createModelVersion({ name, source, runId: 'f'.repeat(32) }),
    ).rejects.toMatchObject({
      code: 'INVALID_PARAMETER_VALUE',
      status: 400,
    });
  });
});
