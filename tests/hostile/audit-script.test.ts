// scripts/audit.sh, the dependency audit step of npm test, against a stand-in
// registry: it fails on a high advisory and passes a clean report; an
// unreachable audit endpoint passes with a loud warning (npm test on a machine
// without the audit endpoint), or fails under RING_AUDIT_REQUIRED=1.
import path from 'node:path';
import { closedPort } from '../../packages/mlflow-client/src/__tests__/local-server';
import { recordFigures } from './support/figures';
import { startFakeRegistry } from './support/fake-registry';
import { REPO, run } from './support/processes';

jest.setTimeout(120_000);

const audit = (registry: string, env: Record<string, string> = {}) =>
  run('bash', [path.join(REPO, 'scripts/audit.sh')], {
    env: { npm_config_registry: registry, npm_config_fetch_retries: '0', RING_AUDIT_REQUIRED: '', ...env },
  });

describe('scripts/audit.sh', () => {
  afterAll(() => recordFigures('audit-script', { faults: 2, lost: 0, crashes: 0 }));

  it('when a production dependency has a high advisory, then exit 1 naming it; moderate ones pass', async () => {
    const registry = await startFakeRegistry({
      express: { id: 'GHSA-test-high-0001', severity: 'high' },
      zod: { id: 'GHSA-test-mod-0002', severity: 'moderate' },
    });
    try {
      const result = await audit(registry.url);
      expect(registry.auditRequests()).toBeGreaterThan(0);
      expect([result.code, result.stderr]).toEqual([
        1,
        expect.stringMatching(/high: express .*GHSA-test-high-0001/),
      ]);
      expect(result.stderr).not.toMatch(/zod/);
    } finally {
      await registry.close();
    }
  });

  it('when nothing serious is reported for production dependencies (a dev tool may have some), then exit 0', async () => {
    const registry = await startFakeRegistry({
      zod: { id: 'GHSA-test-mod-0002', severity: 'moderate' },
      prettier: { id: 'GHSA-test-dev-0003', severity: 'critical' },
    });
    try {
      const result = await audit(registry.url);
      expect([result.code, result.stderr]).toEqual([
        0,
        expect.stringMatching(/no high or critical advisories/),
      ]);
    } finally {
      await registry.close();
    }
  });

  it('when the registry is unreachable, then exit 0 (npm test goes on) with a loud warning that the audit did not run', async () => {
    const result = await audit(`http://127.0.0.1:${await closedPort()}/`);
    expect([result.code, result.stderr]).toEqual([
      0,
      expect.stringMatching(/WARNING: THE DEPENDENCY AUDIT DID NOT RUN/),
    ]);
    expect(result.stderr).toMatch(/production dependencies were NOT checked/);
  });

  it('when the registry is unreachable and RING_AUDIT_REQUIRED=1, then exit 3 saying the audit could not run', async () => {
    const result = await audit(`http://127.0.0.1:${await closedPort()}/`, { RING_AUDIT_REQUIRED: '1' });
    expect([result.code, result.stderr]).toEqual([3, expect.stringMatching(/npm audit could not run/)]);
  });
});
