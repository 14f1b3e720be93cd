// Which run a model version source names (the server wants it as run_id).
import { runIdOfSource } from './registry';

const run = '0123456789abcdef0123456789abcdef';

describe('runIdOfSource', () => {
  it.each([
    [`runs:/${run}/model`, run],
    [`mlflow-artifacts:/3/${run}/artifacts/model`, run],
    [`mlflow-artifacts:/3/${run}/artifacts`, run],
    [`mlflow-artifacts:/3/${run}/other/model`, undefined],
    ['models:/m-123', undefined],
    ['s3://bucket/model', undefined],
  ])('when the source is %s, then the run id is %s', (source, expected) => {
    expect(runIdOfSource(source)).toBe(expected);
  });
});
