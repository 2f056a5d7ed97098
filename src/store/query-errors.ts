/** Query failures every store reports the same way (embedded or remote), so the API maps them alike. */
import { HubError } from '../core/errors.js';

export class QueryTimeoutError extends HubError {
  constructor(ms: number) {
    super(`Query stopped after ${ms} ms (time limit)`, { code: 'QUERY_TIMEOUT' });
  }
}

export class QuerySyntaxError extends HubError {}
