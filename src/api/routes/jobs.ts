/**
 * Admin routes, behind the `x-admin-key` header (hub.adminKey; without a key configured they are
 * off): start a harvest (enqueued in distributed mode, in-process otherwise) and, in distributed
 * mode, list, inspect and replay jobs.
 *
 *   POST /admin/sources/{id}/harvest[?full=true]   202 {jobId, runId} | 202 {running: true}
 *   PUT  /admin/sources/{id}/files/{name}[?harvest=true]
 *                                                   201 {name, bytes}: a file for a files source (raw body)
 *   GET  /admin/jobs[?state=failed&queue=&limit=]   jobs, newest first
 *   GET  /admin/jobs/{id}[?queue=]                  one job with its error stack per attempt
 *   POST /admin/jobs/{id}/retry[?queue=]            replays a failed job
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { requireAdminKey } from '../admin-key.js';
import { ingestSourceUpload, MAX_UPLOAD_BYTES } from '../../pipeline/ingest-upload.js';
import type { AppPorts } from '../../pipeline/ports.js';
import { HttpError } from '../http-errors.js';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function createJobsRouter({ config, harvest, jobs }: Pick<AppPorts, 'config' | 'harvest' | 'jobs'>): Router {
  const router = Router();
  router.use('/admin', requireAdminKey(config.hub.adminKey));

  router.post('/admin/sources/:id/harvest', async (req, res, next) => {
    try {
      const full = req.query.full === 'true';
      res.status(202).json(await harvest.harvest(String(req.params.id), { full }));
    } catch (error) {
      next(error);
    }
  });

  // Small organisations upload their CSV, XLSX, JSON or XML files instead of hosting a source.
  // The file lands atomically in the source's folder; the next harvest (or ?harvest=true) reads it.
  router.put('/admin/sources/:id/files/:name', express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES }), async (req, res, next) => {
    try {
      const source = config.source(String(req.params.id));
      if (source.connector.type !== 'files') throw new HttpError(400, `Source ${source.id} is not a files source (connector ${source.connector.type})`);
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (body.length === 0) throw new HttpError(400, 'The upload is empty: send the file as the request body');
      const result = await ingestSourceUpload(source, String(req.params.name), body);
      const started = req.query.harvest === 'true' ? await harvest.harvest(source.id) : undefined;
      res.status(201).json({ sourceId: source.id, name: result.name, bytes: result.bytes, ...(started ? { harvest: started } : {}) });
    } catch (error) {
      next(error);
    }
  });

  const distributedOnly = (_req: Request, _res: Response, next: NextFunction) => (jobs ? next() : next(new HttpError(404, 'Jobs exist only in distributed mode (hub.redisUrl)')));
  router.get('/admin/jobs', distributedOnly, async (req, res, next) => {
    try {
      res.json(await jobs!.list({ state: str(req.query.state), queue: str(req.query.queue), limit: req.query.limit ? Number(req.query.limit) : undefined }));
    } catch (error) {
      next(error);
    }
  });
  router.get('/admin/jobs/:id', distributedOnly, async (req, res, next) => {
    try {
      res.json(await jobs!.show(String(req.params.id), str(req.query.queue)));
    } catch (error) {
      next(error);
    }
  });
  router.post('/admin/jobs/:id/retry', distributedOnly, async (req, res, next) => {
    try {
      res.json(await jobs!.retry(String(req.params.id), str(req.query.queue)));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
