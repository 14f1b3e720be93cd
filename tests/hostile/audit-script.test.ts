// scripts/audit.sh, the CI dependency audit, against a stand-in registry: it
// fails on a high advisory, passes a clean report, and an unreachable audit
// endpoint fails loudly unless RING_AUDIT_OFFLINE=1 says so explicitly.
import path from 'node:path';
import { recordFigures } from './support/figures';
import { startFakeRegistry } from './support/fake-registry';
import { REPO, run } from './support/processes';

jest.setTimeout(120_000);

const audit = (registry: string, env: Record<string, string> = {}) =>
  run('bash', [path.join(REPO, 'scripts/audit.sh')], {
    env: { npm_config_registry: registry, npm_config_fetch_retries: '0', RING_AUDIT_OFFLINE: '', ...env },
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

  it('when the audit endpoint is unreachable, then exit 3 loudly, or exit 0 with a loud warning under RING_AUDIT_OFFLINE=1', async () => {
    const unreachable = 'http://127.0.0.1:9/';
    const strict = await audit(unreachable);
    expect([strict.code, strict.stderr]).toEqual([3, expect.stringMatching(/npm audit could not run/)]);
    const offline = await audit(unreachable, { RING_AUDIT_OFFLINE: '1' });
    expect([offline.code, offline.stderr]).toEqual([
      0,
      expect.stringMatching(/DEPENDENCY AUDIT DID NOT RUN/),
    ]);
  });
});
