/**
 * Curators decide on entity links (issue 16), behind the admin key (admin-key.ts):
 *
 *   GET    /admin/links/review[?offset=&limit=&type=]   pairs to review, best score first: JSON, or the HTML review page
 *   GET    /admin/links/decisions                       every kept decision: JSON, or a page with withdraw and split forms
 *   POST   /admin/links/decisions                       {kind, a, b?, note?, curator?} → 201 {decision, applied} | 200 (kept already) | 409
 *                                                       (an HTML form post answers 303 back to the review page)
 *   DELETE /admin/links/decisions/{id}                  → 200 {decision, applied} | 404
 *   POST   /admin/links/decisions/{id}/withdraw         the same from the decisions page's form (303 back to it)
 *   GET    /admin/links/clusters[?iri=]                 the cluster of one entity, or every cluster (paged)
 *   GET    /admin/links/entity?iri=                     the links of one entity
 *   POST   /admin/links/suggestions/ask                 {source?} asks the configured reconciliation services → 200 {asked, pending, autoAccepted, services, warnings}
 *   GET    /admin/links/suggestions[?status=&offset=&limit=]  suggested authority links: JSON {total, offset, items}, or a page with accept/reject forms
 *   POST   /admin/links/suggestions/{id}/accept|reject  {curator?} → 200 {suggestion} | 404 (an HTML form post answers 303 back to the page)
 *
 * `applied`: `now` when the hub gave a ReclusterPort and it ran; else `next-harvest`.
 */
import express, { Router } from 'express';
import { BadRequestError, errorMessage } from '../../core/errors.js';
import type { LinkDecision } from '../../publication/matching/contract.js';
import { checkEntityIri, DECISION_KINDS, DecisionConflictError, loadDecisions } from '../../publication/matching/decisions.js';
import { clusterOf, clusters, linksOf, reviewQueue } from '../../publication/matching/links-read.js';
import type { AppPorts } from '../../pipeline/ports.js';
import { formToken, requireAdminKey } from '../admin-key.js';
import { HttpError } from '../http-errors.js';
import { negotiate } from '../negotiation.js';
import { decisionErrorPage, decisionsPage, reviewPage } from '../pages/review-page.js';
import { suggestionsPage } from '../pages/suggestions-page.js';
import { loadSuggestions, SUGGESTION_STATUSES, type SuggestionStatus } from '../../publication/matching/suggestions-graph.js';

const FORM_PURPOSE = 'link-decisions';
const num = (v: unknown): number | undefined => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** Where a form brings the curator back: the review or decisions page only (no open redirect). */
const backOf = (v: unknown): string => (typeof v === 'string' && /^\/admin\/links\/(review|decisions)(\?[\w=&%.-]*)?$/.test(v) ? v : '/admin/links/review');

type Deps = Pick<AppPorts, 'config' | 'store' | 'linkDecisions' | 'recluster' | 'linkSuggestions'> & { log?: (message: string, error: unknown) => void };

export function createLinksRouter({ config, store, linkDecisions, recluster, linkSuggestions, log }: Deps): Router {
  const router = Router();
  const base = config.hub.baseIri;
  router.use('/admin/links', requireAdminKey(config.hub.adminKey));

  /** Applies a decision now when the hub can; a failure leaves it for the next harvest (it is kept). */
  async function apply(decision: LinkDecision): Promise<'now' | 'next-harvest'> {
    if (!recluster) return 'next-harvest';
    try {
      await recluster.recluster(decision.b ? [decision.a, decision.b] : [decision.a]);
      return 'now';
    } catch (error) {
      log?.(`reclustering after link decision ${decision.id} failed: ${errorMessage(error)}`, error);
      return 'next-harvest';
    }
  }

  const writer = () => {
    if (!linkDecisions) throw new HttpError(503, 'This hub process cannot write link decisions');
    return linkDecisions;
  };

  router.get('/admin/links/review', async (req, res, next) => {
    try {
      const type = negotiate(req.headers.accept, ['application/json', 'text/html']);
      if (!type) throw new HttpError(406, 'Ask for application/json or text/html');
      const entityType = str(req.query.type);
      if (entityType !== undefined && !/^[a-z][a-z0-9-]*$/.test(entityType)) throw new HttpError(400, `type: "${entityType}" is not an entity type (activiteit, plaats, agent, concept)`);
      const page = await reviewQueue(store, base, { offset: num(req.query.offset), limit: num(req.query.limit), type: entityType });
      res.vary('Accept');
      if (type === 'application/json') return void res.json(page);
      const decidedId = str(req.query.decided);
      const recorded = decidedId ? (await loadDecisions(store, base)).find((d) => d.id === decidedId) : undefined;
      const self = backOf(req.originalUrl.replace(/([?&])decided=[^&]*&?/, '$1').replace(/[?&]$/, ''));
      res.type('text/html; charset=utf-8').send(reviewPage(page, { token: formToken(config.hub.adminKey!, FORM_PURPOSE), self, recorded, appliesNow: !!recluster }));
    } catch (error) {
      next(error);
    }
  });

  router.get('/admin/links/decisions', async (req, res, next) => {
    try {
      const type = negotiate(req.headers.accept, ['application/json', 'text/html']);
      if (!type) throw new HttpError(406, 'Ask for application/json or text/html');
      const decisions = await loadDecisions(store, base);
      res.vary('Accept');
      if (type === 'application/json') return void res.json({ items: decisions });
      const withdrawn = str(req.query.withdrawn);
      const kind = DECISION_KINDS.find((k) => k === req.query.kind);
      const gone = withdrawn && kind && /^[0-9a-f]{16}$/.test(withdrawn) ? ({ id: withdrawn, kind } as LinkDecision) : undefined;
      res.type('text/html; charset=utf-8').send(decisionsPage(decisions, { token: formToken(config.hub.adminKey!, FORM_PURPOSE), withdrawn: gone, appliesNow: !!recluster }));
    } catch (error) {
      next(error);
    }
  });

  router.post('/admin/links/decisions', express.json({ limit: '64kb' }), express.urlencoded({ extended: false, limit: '64kb' }), async (req, res, next) => {
    const form = !!req.is('application/x-www-form-urlencoded');
    const body = (req.body ?? {}) as Record<string, unknown>;
    try {
      if (form && body.token !== formToken(config.hub.adminKey!, FORM_PURPOSE)) throw new HttpError(403, 'The form is not one this hub served (missing or wrong token): reload the review page');
      if (!form && !req.is('application/json')) throw new HttpError(415, 'Send the decision as application/json');
      const { decision, created } = await writer().record({ kind: body.kind, a: body.a, b: body.b, note: body.note, curator: body.curator });
      const applied = created ? await apply(decision) : undefined;
      if (form) return void res.redirect(303, `${backOf(body.back)}${backOf(body.back).includes('?') ? '&' : '?'}decided=${decision.id}`);
      res.status(created ? 201 : 200).json({ decision, created, ...(applied ? { applied } : {}) });
    } catch (error) {
      const conflict = error instanceof DecisionConflictError;
      if (form && (conflict || error instanceof BadRequestError)) {
        return void res.status(conflict ? 409 : 400).type('text/html; charset=utf-8').send(decisionErrorPage((error as Error).message, backOf(body.back)));
      }
      next(conflict ? new HttpError(409, error.message) : error);
    }
  });

  const withdraw = async (id: string) => {
    if (!/^[0-9a-f]{16}$/.test(id)) throw new HttpError(400, `"${id}" is not a decision id (16 hex digits)`);
    const decision = await writer().withdraw(id);
    return { decision, withdrawn: true, applied: await apply(decision) };
  };

  router.delete('/admin/links/decisions/:id', async (req, res, next) => {
    try {
      res.json(await withdraw(String(req.params.id)));
    } catch (error) {
      next(error);
    }
  });

  // The decisions page's withdraw buttons (an HTML form cannot send DELETE).
  router.post('/admin/links/decisions/:id/withdraw', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res, next) => {
    try {
      if (!req.is('application/x-www-form-urlencoded') || (req.body as Record<string, unknown>).token !== formToken(config.hub.adminKey!, FORM_PURPOSE)) {
        throw new HttpError(403, 'The form is not one this hub served (missing or wrong token): reload the decisions page');
      }
      const { decision } = await withdraw(String(req.params.id));
      res.redirect(303, `/admin/links/decisions?withdrawn=${decision.id}&kind=${decision.kind}`);
    } catch (error) {
      next(error);
    }
  });

  router.get('/admin/links/clusters', async (req, res, next) => {
    try {
      const iri = str(req.query.iri);
      if (iri !== undefined) return void res.json(await clusterOf(store, base, checkEntityIri(base, iri, 'iri')));
      res.json(await clusters(store, base, { offset: num(req.query.offset), limit: num(req.query.limit) }));
    } catch (error) {
      next(error);
    }
  });

  router.get('/admin/links/entity', async (req, res, next) => {
    try {
      const iri = checkEntityIri(base, str(req.query.iri), 'iri');
      res.json({ iri, items: await linksOf(store, base, iri) });
    } catch (error) {
      next(error);
    }
  });

  // Suggested authority links (issue 16, item 7): other services' answers, decided by curators.
  const SUGGESTIONS_PURPOSE = 'link-suggestions';
  const suggestionsWriter = () => {
    if (!linkSuggestions) throw new HttpError(503, 'This hub process cannot ask other services or decide on their suggestions');
    return linkSuggestions;
  };
  const formChecked = (req: express.Request) => {
    const form = !!req.is('application/x-www-form-urlencoded');
    if (form && (req.body as Record<string, unknown> | undefined)?.token !== formToken(config.hub.adminKey!, SUGGESTIONS_PURPOSE)) {
      throw new HttpError(403, 'The form is not one this hub served (missing or wrong token): reload the suggestions page');
    }
    if (!form && req.headers['content-length'] !== '0' && req.headers['content-type'] !== undefined && !req.is('application/json')) throw new HttpError(415, 'Send application/json');
    return form;
  };

  router.get('/admin/links/suggestions', async (req, res, next) => {
    try {
      const type = negotiate(req.headers.accept, ['application/json', 'text/html']);
      if (!type) throw new HttpError(406, 'Ask for application/json or text/html');
      const status = str(req.query.status);
      if (status !== undefined && !SUGGESTION_STATUSES.includes(status as SuggestionStatus)) throw new HttpError(400, `status: "${status}" is not one of ${SUGGESTION_STATUSES.join(', ')}`);
      const all = await loadSuggestions(store, base);
      const matching = status ? all.filter((s) => s.status === status) : all;
      const offset = num(req.query.offset) ?? 0;
      const limit = num(req.query.limit);
      const items = matching.slice(offset, limit === undefined ? undefined : offset + limit);
      res.vary('Accept');
      if (type === 'application/json') return void res.json({ total: matching.length, offset, items });
      const decidedId = str(req.query.decided);
      const decided = decidedId ? all.find((s) => s.id === decidedId) : undefined;
      const n = (v: unknown) => num(v) ?? 0;
      const asked = req.query.asked !== undefined ? { asked: n(req.query.asked), pending: n(req.query.pending), autoAccepted: n(req.query.auto), warnings: n(req.query.warnings) } : undefined;
      res.type('text/html; charset=utf-8').send(suggestionsPage(items, { token: formToken(config.hub.adminKey!, SUGGESTIONS_PURPOSE), decided, asked }));
    } catch (error) {
      next(error);
    }
  });

  router.post('/admin/links/suggestions/ask', express.json({ limit: '4kb' }), express.urlencoded({ extended: false, limit: '4kb' }), async (req, res, next) => {
    try {
      const form = formChecked(req);
      const source = str((req.body as Record<string, unknown> | undefined)?.source) || undefined;
      if (source !== undefined) config.source(source);
      const result = await suggestionsWriter().ask({ sourceId: source });
      for (const warning of result.warnings) log?.(`asking other services: ${warning}`, undefined);
      if (form) return void res.redirect(303, `/admin/links/suggestions?asked=${result.asked}&pending=${result.pending}&auto=${result.autoAccepted}&warnings=${result.warnings.length}`);
      res.json(result);
    } catch (error) {
      next(error);
    }
  });

  router.post('/admin/links/suggestions/:id/:decision', express.json({ limit: '4kb' }), express.urlencoded({ extended: false, limit: '4kb' }), async (req, res, next) => {
    try {
      const decision = String(req.params.decision);
      if (decision !== 'accept' && decision !== 'reject') throw new HttpError(404, `No action "${decision}" on a suggestion (accept, reject)`);
      const form = formChecked(req);
      const id = String(req.params.id);
      if (!/^[0-9a-f]{16}$/.test(id)) throw new HttpError(400, `"${id}" is not a suggestion id (16 hex digits)`);
      const curator = str((req.body as Record<string, unknown> | undefined)?.curator);
      if (curator !== undefined && (curator.length > 100 || [...curator].some((c) => c.charCodeAt(0) < 0x20))) throw new HttpError(400, 'curator: a name of at most 100 characters');
      const suggestion = await suggestionsWriter().decide(id, decision === 'accept' ? 'accepted' : 'rejected', curator || 'admin');
      if (form) return void res.redirect(303, `/admin/links/suggestions?decided=${suggestion.id}#s-${suggestion.id}`);
      res.json({ suggestion });
    } catch (error) {
      next(error);
    }
  });

  return router;
}
