// Shutdown behind a load balancer, over a real port: while the process drains,
// /readyz says 503 (so the balancer stops sending) and requests are still served.
import { drawing } from './__tests__/images';
import { startHostileApi, type HostileApi } from '../../tests/hostile/support/api-server';

async function predict(url: string, png: Buffer, headers: Record<string, string> = {}) {
  const form = new FormData();
  form.append('image', new Blob([png], { type: 'image/png' }), 'molecule.png');
  return fetch(`${url}/predict/`, { method: 'POST', body: form, headers });
}

describe('draining on shutdown', () => {
  let api: HostileApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('when closing with SHUTDOWN_DRAIN_MS, then /readyz answers 503 and predictions still work until it ends', async () => {
    api = await startHostileApi({ env: { SHUTDOWN_DRAIN_MS: '1500' } });
    const png = await drawing();
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    const closing = api.running.close();
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/shutting down/);
    const res = await predict(api.url, png);
    expect(res.status).toBe(200);
    await closing;
    await expect(fetch(`${api.url}/readyz`)).rejects.toThrow();
  });

  it('when TRUST_PROXY is 1, then the rate limit counts the address X-Forwarded-For names, and 0 ignores it', async () => {
    const png = await drawing();
    const limited = { RATE_LIMIT_PREDICT_PER_MINUTE: '1' };
    for (const [hops, secondStatus] of [
      ['1', 200],
      ['0', 429],
    ] as const) {
      api = await startHostileApi({ env: { ...limited, TRUST_PROXY: hops } });
      expect((await predict(api.url, png, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(200);
      const second = await predict(api.url, png, { 'x-forwarded-for': '203.0.113.8' });
      expect(second.status).toBe(secondStatus);
      await api.close();
      api = undefined;
    }
  });
});
