import express, { type Express } from 'express';
import helmet from 'helmet';
import type { AppDeps } from './deps';
import { handleErrors, notFound } from './http/error-handler';
import { logRequests } from './http/request-log';
import { assignRequestId } from './http/request-id';
import { bindToRequest } from './http/bind-to-request';
import { corsPolicy } from './http/cors-policy';
import { limitRequests } from './http/rate-limit';
import { pageAssets } from './pages/page-assets';
import { docsAssets } from './routes/docs';
import { guardRoutes, registerRoutes } from './routes';

const API_VERSION = '1.0.0';

/**
 * Build the Express app (middlewares, routes, errors) without listening, so
 * tests hand it to supertest and main.ts to a server.
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Behind a load balancer, req.ip (rate limits, logs) is read from X-Forwarded-For, this many hops back.
  app.set('trust proxy', deps.config.TRUST_PROXY);
  app.use(assignRequestId);
  app.use(logRequests(deps.logger, deps.metrics));
  app.use(helmet());
  app.use(corsPolicy(deps.config.CORS_ORIGINS));
  // Before the body is read: an over-limit client costs a counter, not an upload.
  app.use('/predict', limitRequests(deps.config.RATE_LIMIT_PREDICT_PER_MINUTE, 'prediction'));
  app.use('/feedback', limitRequests(deps.config.RATE_LIMIT_FEEDBACK_PER_MINUTE, 'feedback'));
  guardRoutes(app, deps);
  app.use(bindToRequest(express.json({ limit: '64kb' })));
  const document = registerRoutes(app, deps, API_VERSION);
  app.use('/docs', docsAssets(document));
  app.use(pageAssets());
  app.use(notFound);
  app.use(
    handleErrors(deps.logger, {
      production: deps.config.NODE_ENV === 'production',
      storeDir: deps.config.MODEL_STORE_DIR,
    }),
  );
  return app;
}
