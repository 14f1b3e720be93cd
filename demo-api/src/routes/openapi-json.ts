import { openApiDocumentSchema } from '../openapi/schemas';
import { jsonResponse } from './responses';
import type { RouteDefinition } from './route';

export const openApiJsonRoute: RouteDefinition = {
  method: 'get',
  path: '/openapi.json',
  doc: {
    summary: 'This API as an OpenAPI 3 document',
    tags: ['docs'],
    responses: { 200: jsonResponse('the document', openApiDocumentSchema) },
  },
  handlers: () => [(req, res) => void res.json(req.app.locals.openapi)],
};
