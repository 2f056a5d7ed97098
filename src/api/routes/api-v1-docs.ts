/** /api/openapi.json and the /api/docs page that renders it. */
import express, { type Router } from 'express';
import type { AppPorts } from '../../pipeline/ports.js';
import { normaliseBase } from '../../core/identifiers.js';
import { openApiDocument } from '../openapi/openapi-document.js';
import { apiDocsPage } from '../pages/api-docs.js';
import { ListQuerySchema } from './api-v1.js';
import { reconcileSettingsOf } from './reconcile.js';

export function createApiDocsRouter({ config }: Pick<AppPorts, 'config'>): Router {
  const router = express.Router();
  const doc = openApiDocument(normaliseBase(config.hub.baseIri), ListQuerySchema, config.hub.api, reconcileSettingsOf(config.hub));
  const json = JSON.stringify(doc, null, 1);
  router.get('/api/openapi.json', (_req, res) => {
    res.set('access-control-allow-origin', '*').type('application/json').send(json);
  });
  router.get('/api/docs', (_req, res) => {
    res.type('text/html').send(apiDocsPage(doc as never));
  });
  return router;
}
