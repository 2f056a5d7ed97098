/**
 * The query page's editor: YASQE (the YASGUI query editor, npm @zazuko/yasqe) served from the
 * installed package, never from a CDN. Only its two bundle files are exposed. They are read once
 * and sent through res.send, so they get the same ETag and 304 as every other answer
 * (http-cache/conditional-get.ts), which res.sendFile's own freshness check would not give a
 * fetch() client (it sends Cache-Control: no-cache with If-None-Match).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Router } from 'express';
import { EDITOR_ASSETS } from '../pages/query-page.js';
import { representationTag } from '../http-cache/entity-tags.js';

const FILES: Record<string, string> = { 'yasqe.min.js': 'text/javascript; charset=utf-8', 'yasqe.min.css': 'text/css; charset=utf-8' };

export function createEditorAssetsRouter(): Router {
  // The package's "require" entry is build/yasqe.min.js; the stylesheet lies beside it.
  const dir = dirname(createRequire(import.meta.url).resolve('@zazuko/yasqe'));
  const router = express.Router();
  for (const [file, type] of Object.entries(FILES)) {
    let loaded: Promise<{ body: Buffer; tag: string }> | undefined;
    const load = () => (loaded ??= readFile(join(dir, file)).then((body) => ({ body, tag: representationTag(body, { contentType: type }) })));
    router.get(`${EDITOR_ASSETS}/${file}`, (_req, res, next) => {
      load()
        .then(({ body, tag }) => void res.set('etag', tag).type(type).send(body))
        .catch((error: unknown) => {
          loaded = undefined;
          next(error);
        });
    });
  }
  return router;
}
