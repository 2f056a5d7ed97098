/**
 * The one place where errors become HTTP answers (application/problem+json, RFC 9457).
 * Only 5xx are logged: a client's bad request is not the server's problem.
 */
import type { NextFunction, Request, Response } from 'express';
import { BadRequestError, HubError, NotFoundError, StoreError } from '../core/errors.js';

export class HttpError extends HubError {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Extension members of the problem document, e.g. `invalid-params` (RFC 9457 §3.2). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message, { code: `HTTP_${status}` });
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  if (error instanceof BadRequestError) return 400;
  if (error instanceof NotFoundError) return 404;
  if ((error as HubError)?.code === 'QUERY_TIMEOUT') return 504;
  if ((error as HubError)?.code === 'QUERY_ERROR') return 400;
  if (error instanceof StoreError && error.code === 'STORE_UNAVAILABLE') return 503;
  const status = (error as { status?: number; statusCode?: number })?.status ?? (error as { statusCode?: number })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

export function sendProblem(res: Response, status: number, detail: string, headers: Record<string, string> = {}, extensions: Record<string, unknown> = {}): void {
  if (res.headersSent) return;
  // An error is never stored: the next request may well succeed.
  res.status(status).set('cache-control', 'no-store').set(headers).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...extensions }));
}

export function errorHandler(log: (message: string, error: unknown) => void) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const status = statusOf(error);
    if (status >= 500 && status !== 504) log(`${req.method} ${req.originalUrl} failed`, error);
    sendProblem(res, status, (error as Error)?.message ?? String(error), error instanceof HttpError ? error.headers : {}, error instanceof HttpError ? error.extensions : {});
  };
}
