import pino, { type Logger } from 'pino';
import { requestContext } from './request-context';

export type { Logger };

/**
 * Structured JSON logs. Lines written while a request is served carry its
 * request_id, wherever in the code they come from.
 */
export function createLogger(options: { level: string; name?: string }): Logger {
  return pino({
    name: options.name ?? 'demo-api',
    level: options.level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const context = requestContext.getStore();
      if (!context) return {};
      const { requestId, clientRequestId } = context;
      return clientRequestId
        ? { request_id: requestId, client_request_id: clientRequestId }
        : { request_id: requestId };
    },
  });
}
