import { findVendorFiles } from '../pages/vendor-files';
import { renderPage } from '../pages/page-assets';
import type { RouteDefinition } from './route';

export const dashboardRoute: RouteDefinition = {
  method: 'get',
  path: '/dashboard',
  doc: {
    summary: 'The monitoring dashboard (an HTML page)',
    description:
      'Draws GET /monitoring/ and GET /deployed_version/ in the browser. The page holds no data: where /monitoring/ needs the operations token, the person enters it on the page.',
    tags: ['monitoring'],
    responses: { 200: { description: 'an HTML page', contentType: 'text/html' } },
  },
  handlers: () => {
    let page: string | undefined;
    return [
      (_req, res) => {
        page ??= renderPage('dashboard', findVendorFiles());
        res.set('Cache-Control', 'no-cache').type('html').send(page);
      },
    ];
  },
};
