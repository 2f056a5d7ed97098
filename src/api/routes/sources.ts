/**
 * Sources overview: each configured source with its last run, as JSON or an HTML table; a source
 * that pushes into UiTdatabank (publishTo.uitdatabank) also shows its last push report, per event.
 */
import express, { type Router } from 'express';
import { resolve } from 'node:path';
import type { AppPorts } from '../../pipeline/ports.js';
import { shownPath } from '../../core/paths.js';
import { negotiate } from '../negotiation.js';
import { esc, layout } from '../pages/html.js';
import { HttpError } from '../http-errors.js';
import { loadPushReport, type PushReport } from '../../pipeline/push/push-report.js';
import { pushReportSection } from '../pages/push-page.js';
import { organisationNameIn, sourceNameIn } from '../../config/names.js';
import { pickLang, type Lang } from '../i18n/lang.js';

/** `runStates` (distributed mode): a source's run is going while it holds the run lock, and may be stuck behind a failed job. */
export function createSourcesRouter({ config, runs, runStates, store }: Pick<AppPorts, 'config' | 'runs' | 'runStates' | 'store'>): Router {
  const router = express.Router();
  // Names in the asker's language (?lang=, else Accept-Language) where the configuration gives them.
  const overview = async (lang: Lang) => {
    const states = runStates ? await runStates.of(config.sources.map((s) => s.id)) : undefined;
    return Promise.all(
      config.sources.map(async (s) => {
        const last = (await runs.runs(s.id)).at(-1);
        const run = states?.get(s.id);
        const push: PushReport | undefined = s.publishTo?.uitdatabank ? await loadPushReport(store, config.hub.baseIri, s.id) : undefined;
        return {
          id: s.id,
          name: sourceNameIn(config, s.id, lang),
          ...(s.names ? { names: s.names } : {}),
          organisation: s.organisation,
          ...(s.organisation ? { organisationName: organisationNameIn(config, s.organisation, lang) } : {}),
          connector: s.connector.type,
          // Shown as the project or config folder sees them, never as absolute paths.
          mapping: shownPath(resolve(config.baseDir, s.mapping), [config.baseDir]),
          shapes: s.shapes.map((f) => shownPath(resolve(config.baseDir, f), [config.baseDir])),
          onViolation: s.onViolation,
          running: runs.isRunning(s.id) || (run?.running ?? false),
          ...(run?.runId && run.runId !== last?.runId ? { currentRun: run.runId } : {}),
          ...(run?.stuck ? { stuck: run.stuck } : {}),
          lastRun: last ?? null,
          ...(s.publishTo?.uitdatabank ? { push: push ?? null } : {}),
        };
      }),
    );
  };

  router.get('/sources', async (req, res, next) => {
    try {
      const rows = await overview(pickLang(req.query.lang, req.headers['accept-language']));
      const type = negotiate(req.headers.accept, ['application/json', 'text/html']);
      res.vary('Accept').vary('Accept-Language');
      if (!type) throw new HttpError(406, 'Ask for application/json or text/html');
      // How full the embedded store is: the sources fill it, so their page says so (a remote store has no ceiling).
      const capacity = (await store.health().catch(() => undefined))?.capacity;
      if (type === 'application/json') return void res.json({ sources: rows, ...(capacity ? { store: { capacity } } : {}) });
      const storeLine = capacity
        ? `<p${capacity.warning ? ' class="warning" role="alert"' : ' class="muted"'}>Store: ${capacity.quads.toLocaleString('en')} of ${capacity.ceiling.toLocaleString('en')} quads (${Math.floor(capacity.used * 100)} %)${capacity.warning ? ` — ${esc(capacity.warning)}` : ''}</p>`
        : '';
      const body = `<h1>Sources</h1>${storeLine}<table><tr><th>Source</th><th>Connector</th><th>Last run</th><th>Seen</th><th>Published</th><th>Rejected</th><th>Deleted</th><th>Errors</th><th>Status</th><th>Conformance</th></tr>${rows
        .map((r) => {
          const l = r.lastRun;
          return `<tr><td>${esc(r.name)}${r.organisationName ? ` <span class="muted">(${esc(r.organisationName)})</span>` : ''}<br><code class="muted">${esc(r.id)}</code></td><td>${esc(r.connector)}</td><td>${esc(l?.finishedAt ?? '—')}</td><td>${l?.seen ?? 0}</td><td>${l?.published ?? 0}</td><td>${l?.rejected ?? 0}</td><td>${l?.deleted ?? 0}</td><td>${l?.errors ?? 0}</td><td>${r.stuck ? `stuck: ${esc(r.stuck)}` : r.running ? 'running' : esc(l?.status ?? 'never run')}</td><td><a href="/reports/${esc(encodeURIComponent(r.id))}">report</a></td></tr>`;
        })
        .join('')}</table><p><a href="/reports">All conformance reports, per source and per organisation</a></p>${rows
        .filter((r) => 'push' in r)
        .map((r) => pushReportSection(r.push ?? undefined, { title: `${r.name}: push into UiTdatabank` }))
        .join('\n')}`;
      res.type('text/html').send(layout('Sources — Culture LOD Hub', body));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
