/**
 * GET /v1/openapi.yaml and the Swagger UI explorer at /docs/.
 *
 * The explorer's assets come from the swagger-ui-dist package, so it works with
 * no internet. Every URL is relative because the app is mounted under a
 * function path (/demo-nff/us-central1/api locally) it cannot know, and the
 * initialiser is a separate script so helmet's CSP (script-src 'self') holds.
 */
import express, { Router } from 'express';
import { absolutePath } from 'swagger-ui-dist';
import { openApiYaml } from '../openapi/document';

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
  router.get('/v1/openapi.yaml', (_req, res) => {
    res.type('application/yaml').send(openApiYaml());
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
  router.use('/docs', express.static(absolutePath(), { index: false, maxAge: '1h' }));
  return router;
}
