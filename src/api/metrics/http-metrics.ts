/** Times every HTTP request into hub_http_request_duration_seconds, labelled by route pattern (not raw path). */
import type { NextFunction, Request, Response } from 'express';
import { httpDuration } from '../../core/metrics.js';

export function httpMetrics() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = httpDuration.startTimer();
    res.on('finish', () => {
      // The matched route keeps label cardinality bounded; unmatched paths share one label.
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : res.statusCode === 404 ? '(unmatched)' : req.path;
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
