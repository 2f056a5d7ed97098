/**
 * The push into UiTdatabank by hand, behind the admin key (admin-key.ts):
 *
 *   GET  /admin/push/{source}    the dry run (what a push would send, field-level diffs) and the
 *                                last push report: JSON (the plan, with `report`), or the HTML page
 *   POST /admin/push/{source}    pushes now → 200 the push report (an HTML form post answers 303 back to the page)
 *
 * 404 for a source that does not push to UiTdatabank (the message says why).
 */
import express, { Router } from 'express';
import type { AppPorts } from '../../pipeline/ports.js';
import { loadPushReport } from '../../pipeline/push/push-report.js';
import { formToken, requireAdminKey } from '../admin-key.js';
import { HttpError } from '../http-errors.js';
import { negotiate } from '../negotiation.js';
import { pushAdminPage } from '../pages/push-page.js';

const FORM_PURPOSE = 'push';

type Deps = Pick<AppPorts, 'config' | 'store' | 'push'>;

export function createPushRouter({ config, store, push }: Deps): Router {
  const router = Router();
  router.use('/admin/push', requireAdminKey(config.hub.adminKey));

  const pusher = () => {
    if (!push) throw new HttpError(503, 'This hub process cannot push');
    return push;
  };
  /** The configured source that pushes to UiTdatabank (404 naming why not). */
  const sourceOf = (id: string) => {
    const source = config.source(id);
    if (!source.publishTo?.uitdatabank) throw new HttpError(404, `Source "${id}" does not push to UiTdatabank: it has no publishTo.uitdatabank in the configuration`);
    return source.id;
  };

  router.get('/admin/push/:source', async (req, res, next) => {
    try {
      const type = negotiate(req.headers.accept, ['application/json', 'text/html']);
      if (!type) throw new HttpError(406, 'Ask for application/json or text/html');
      const id = sourceOf(String(req.params.source));
      const [plan, report] = await Promise.all([pusher().plan(id), loadPushReport(store, config.hub.baseIri, id)]);
      res.vary('Accept');
      if (type === 'application/json') return void res.json({ ...plan, report: report ?? null });
      res.type('text/html; charset=utf-8').send(pushAdminPage(id, plan, report, { token: formToken(config.hub.adminKey!, FORM_PURPOSE), pushed: req.query.pushed === '1' }));
    } catch (error) {
      next(error);
    }
  });

  router.post('/admin/push/:source', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res, next) => {
    try {
      const form = !!req.is('application/x-www-form-urlencoded');
      if (form && (req.body as Record<string, unknown>).token !== formToken(config.hub.adminKey!, FORM_PURPOSE)) {
        throw new HttpError(403, 'The form is not one this hub served (missing or wrong token): reload the push page');
      }
      const id = sourceOf(String(req.params.source));
      const report = await pusher().push(id);
      if (form) return void res.redirect(303, `/admin/push/${encodeURIComponent(id)}?pushed=1`);
      res.json(report);
    } catch (error) {
      next(error);
    }
  });

  return router;
}
