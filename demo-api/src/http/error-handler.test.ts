import express from 'express';
import request from 'supertest';
import { ApiError } from '../errors';
import { createLogger } from '../logger';
import { handleErrors, methodNotAllowed, notFound } from './error-handler';

/** A real Express app whose routes fail in the ways the handler must cover. */
function appFor(production: boolean) {
  const app = express();
  app.get('/bug', () => {
    throw new TypeError('cannot read x of undefined');
  });
  app.get('/refused', () => {
    throw new ApiError('OVERLOADED', 'busy', { queue: 3 }, { headers: { 'Retry-After': '1' } });
  });
  app
    .route('/only-get')
    .get((_req, res) => void res.json({}))
    .all(methodNotAllowed(['GET']));
  app.use(notFound);
  app.use(handleErrors(createLogger({ level: 'silent' }), { production }));
  return app;
}

describe('handleErrors', () => {
  it('when a route has a bug in production, then 500 INTERNAL without message details or stack', async () => {
    const res = await request(appFor(true)).get('/bug').expect(500);
    expect(res.body).toEqual({
      error: { code: 'INTERNAL', message: 'internal error; quote the X-Request-Id header when reporting it' },
    });
    expect(res.text).not.toMatch(/TypeError|at |\.ts/);
  });

  it('when a route has a bug in development, then the message shows but never the stack', async () => {
    const res = await request(appFor(false)).get('/bug').expect(500);
    expect(res.body.error.message).toBe('cannot read x of undefined');
    expect(res.text).not.toMatch(/error-handler\.test|\n\s+at /);
  });

  it('when an ApiError is thrown, then its status, body, details and headers', async () => {
    const res = await request(appFor(true)).get('/refused').expect(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body).toEqual({ error: { code: 'OVERLOADED', message: 'busy', details: { queue: 3 } } });
  });

  it('when OPTIONS is asked on a known path, then 204 with Allow', async () => {
    const res = await request(appFor(true)).options('/only-get').expect(204);
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
  });
});
