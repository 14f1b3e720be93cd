import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while serving a request carries. */
export interface RequestContext {
  /** The server-issued id. */
  requestId: string;
  /** The client's X-Request-Id, when it sent a safe one (for correlation only). */
  clientRequestId?: string;
}

/** The current request, across awaits (AsyncLocalStorage). */
export const requestContext = new AsyncLocalStorage<RequestContext>();
