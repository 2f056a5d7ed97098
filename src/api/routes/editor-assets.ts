/**
 * The query page's editor: YASQE (the YASGUI query editor, npm @zazuko/yasqe) served from the
 * installed package, never from a CDN. Only its two bundle files are exposed.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Router } from 'express';
import { EDITOR_ASSETS } from '../pages/query-page.js';

const FILES = ['yasqe.min.js', 'yasqe.min.css'];

export function createEditorAssetsRouter(): Router {
  // The package's "require" entry is build/yasqe.min.js; the stylesheet lies beside it.
  const dir = dirname(createRequire(import.meta.url).resolve('@zazuko/yasqe'));
  const router = express.Router();
  for (const file of FILES) {
    router.get(`${EDITOR_ASSETS}/${file}`, (_req, res) => {
      res.set('Cache-Control', 'public, max-age=86400');
      res.sendFile(join(dir, file));
    });
  }
  return router;
}
