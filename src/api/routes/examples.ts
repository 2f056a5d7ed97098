/**
 * The example app (issue 20): static files from the repository's examples/ folder at /examples/,
 * plain HTML, CSS and JavaScript modules that call the open API from the browser. Only files
 * directly named by the pattern below are served (no directory listing, no `..`).
 *
 * The app's pages get a Content-Security-Policy of their own: scripts, styles and API calls from
 * this origin only, as everywhere on the hub, but images from any http(s) origin, because the
 * records' images stay on the museums' and organisers' servers. Answers go through res.send, so
 * they carry the ETag and 304 of http-cache/conditional-get.ts like every other answer.
 */
import { readFile } from 'node:fs/promises';
import express, { type Router } from 'express';
import { projectPath } from '../../core/paths.js';

export const EXAMPLES_PATH = '/examples';

const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml' };

/** A file name under examples/: lower-case segments, one of the extensions above. */
const FILE = /^(?:[a-z0-9][a-z0-9-]*\/)*[a-z0-9][a-z0-9-]*\.(html|js|css|svg)$/;

/** The app's CSP: helmet's policy (security-headers.ts) with images from the records' own servers. */
export const EXAMPLES_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https: http:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function createExamplesRouter(dir = projectPath('examples')): Router {
  const router = express.Router();
  router.get(/^\/examples(\/.*)?$/, (req, res, next) => {
    // Relative URLs in the app (app.css, ../api/v1/) need the trailing slash.
    if (req.path === EXAMPLES_PATH) return res.redirect(301, `${EXAMPLES_PATH}/`);
    const file = req.path.slice(EXAMPLES_PATH.length + 1) || 'index.html';
    const match = FILE.exec(file);
    if (!match) return next();
    readFile(`${dir}/${file}`)
      .then((body) => void res.set('content-security-policy', EXAMPLES_CSP).type(TYPES[match[1]!]!).send(body))
      .catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' || error.code === 'EISDIR' ? next() : next(error)));
  });
  return router;
}
