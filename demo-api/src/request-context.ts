import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while serving a request carries. */
export interface RequestContext {
  requestId: string;
}

/** The current request, across awaits (AsyncLocalStorage). */
export const requestContext = new AsyncLocalStorage<RequestContext>();
