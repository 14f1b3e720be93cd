import swaggerUi from 'swagger-ui-express';
import type { OpenApiDocument } from '../openapi/document';
import type { RouteDefinition } from './route';

/** Swagger UI's page with absolute asset URLs, so /docs works without its trailing slash too. */
function docsPage(document: OpenApiDocument): string {
  return swaggerUi
    .generateHTML(document, undefined, undefined, undefined, undefined, undefined, 'ring-count API')
    .replace(/(href|src)="\.\//g, '$1="/docs/');
}

export const docsRoute: RouteDefinition = {
  method: 'get',
  path: '/docs',
  doc: {
    summary: 'Swagger UI for this API',
    tags: ['docs'],
    responses: { 200: { description: 'an HTML page', contentType: 'text/html' } },
  },
  handlers: () => {
    let page: string | undefined;
    return [
      (req, res) => {
        page ??= docsPage(req.app.locals.openapi as OpenApiDocument);
        res.type('html').send(page);
      },
    ];
  },
};

/** Swagger UI's scripts and styles under /docs/ (mount with app.use('/docs', ...)). */
export function docsAssets(document: OpenApiDocument) {
  return swaggerUi.serveFiles(document);
}
