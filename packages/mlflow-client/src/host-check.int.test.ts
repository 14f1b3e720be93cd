// The one MLflow answer this client classifies by its text: the server's
// security middleware refuses an unknown Host header with a plain-text 403 (no
// error_code). This pins that behaviour of the real server, and that the
// answer becomes INVALID_HOST_HEADER with a hint that fixes it.
import http from 'node:http';
import { readMlflowConfig } from './config';
import { errorFromResponse } from './error-mapping';
import { MlflowUnauthorizedError } from './errors';

function getWithHost(url: URL, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

describe("the real server's Host check", () => {
  it('when a request names an unknown host, then a plain-text 403 that becomes INVALID_HOST_HEADER', async () => {
    const request = 'GET /api/2.0/mlflow/experiments/search';
    const url = new URL(
      '/api/2.0/mlflow/experiments/search?max_results=1',
      readMlflowConfig(process.env).trackingUri,
    );
    const answer = await getWithHost(url, 'rebinding.example:80');
    expect(answer.status).toBe(403);
    expect(() => JSON.parse(answer.body) as unknown).toThrow(); // no error_code to go by
    const err = errorFromResponse(answer.status, answer.body, request);
    expect(err).toBeInstanceOf(MlflowUnauthorizedError);
    expect(err).toMatchObject({ code: 'INVALID_HOST_HEADER', status: 403 });
    expect(err.message).toMatch(/--allowed-hosts/);
  });
});
