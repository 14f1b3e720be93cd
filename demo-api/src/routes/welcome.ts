import { findVendorFiles } from '../pages/vendor-files';
import { renderPage } from '../pages/page-assets';
import { welcomeResponseSchema } from '../openapi/schemas';
import type { RouteDefinition } from './route';

export const welcomeRoute: RouteDefinition = {
  method: 'get',
  path: '/',
  doc: {
    summary: 'Welcome, with links to the docs and the main routes; the prediction page for browsers',
    description:
      'JSON unless the client prefers HTML (a browser sends Accept: text/html): then the prediction page, where a person drops a drawing and sees the predicted ring count.',
    tags: ['service'],
    responses: {
      200: {
        description: 'welcome (JSON), or the prediction page (HTML)',
        schema: welcomeResponseSchema,
        alternatives: ['text/html'],
      },
    },
  },
  handlers: ({ registry }) => {
    let page: string | undefined;
    return [
      (req, res) => {
        res.vary('Accept');
        if (req.accepts(['json', 'html']) === 'html') {
          page ??= renderPage('predict', findVendorFiles());
          res.set('Cache-Control', 'no-cache').type('html').send(page);
          return;
        }
        res.json({
          name: 'ring-count demo API',
          description:
            'Counts the rings of a chemical compound from a 2D drawing. POST an image to /predict/.',
          model_version: registry.status().serving?.version ?? null,
          links: {
            docs: '/docs',
            openapi: '/openapi.json',
            predict: '/predict/',
            predict_batch: '/predict/batch/',
            models: '/models/',
            deployed_version: '/deployed_version/',
            metrics: '/metrics',
            dashboard: '/dashboard',
          },
        });
      },
    ];
  },
};
