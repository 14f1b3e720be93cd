import { performance } from 'node:perf_hooks';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger';
import type { ApiMetrics } from '../metrics';
import { requestContext } from '../request-context';
import { requestContextOf } from './request-id';

/** One log line and the HTTP metrics per request, when the response is done. */
export function logRequests(logger: Logger, metrics: ApiMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    res.on('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      // The matched route's pattern, never the raw URL (bounded label values).
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      const labels = { method: req.method, route, status: String(res.statusCode) };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, seconds);
      const line = { method: req.method, url: req.originalUrl, status: res.statusCode, ms: seconds * 1000 };
      requestContext.run(requestContextOf(res), () => logger.info(line, 'request'));
    });
    next();
  };
}
