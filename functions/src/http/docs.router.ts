/**
 * GET /v1/openapi.yaml and the Swagger UI explorer at /docs/.
 *
 * The explorer's assets come from the swagger-ui-dist package, so it works with
 * no internet. Every URL is relative because the app is mounted under a
 * function path (/demo-nff/us-central1/api locally) it cannot know, and the
 * initialiser is a separate script so helmet's CSP (script-src 'self') holds.
 */
import { dirname } from 'node:path';
import express, { Router } from 'express';

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>NovaFacies onboarding API</title>
<link rel="stylesheet" href="./swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="./swagger-ui-bundle.js"></script>
<script src="./init.js"></script>
</body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({ url: '../v1/openapi.yaml', dom_id: '#swagger-ui', deepLinking: true });\n`;

export function docsRouter(): Router {
  const router = Router();
  router.get('/v1/openapi.yaml', (_req, res, next) => {
    // Loaded on first use: the generator, yaml and every feature's contract
    // module are not needed to serve the API, only to describe it (cold start).
    import('../openapi/document').then(({ openApiYaml }) => {
      res.type('application/yaml').send(openApiYaml());
    }, next);
  });
  router.get('/docs', (req, res, next) => {
    // '/docs' and '/docs/' both reach here under Express 5's non-strict routing.
    if (!req.originalUrl.split('?')[0].endsWith('/')) {
      res.redirect(301, 'docs/');
      return;
    }
    next();
  });
  router.get('/docs/', (_req, res) => {
    res.type('html').send(PAGE);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(INIT);
  });
  // The assets' folder, found without loading the package: its main module
  // evaluates the whole ~1.4 MB UI bundle, which cost ~0.3 s of every cold
  // start (proof/bench, reports/bench-latest.md).
  const assets = dirname(require.resolve('swagger-ui-dist/package.json'));
  router.use('/docs', express.static(assets, { index: false, maxAge: '1h' }));
  return router;
}
