/**
 * Errors of the hub. Every error says what failed and where; `context` carries the
 * structured location (source id, record id, triples map, focus node...) so that logs,
 * reports and HTTP answers can name it without parsing the message.
 */
export interface ErrorContext {
  sourceId?: string;
  recordId?: string;
  runId?: string;
  page?: string;
  triplesMap?: string;
  termMap?: string;
  path?: string;
  [key: string]: unknown;
}

export class HubError extends Error {
  readonly code: string;
  readonly context: ErrorContext;

  constructor(message: string, options: { code?: string; cause?: unknown; context?: ErrorContext } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? new.target.name;
    this.context = options.context ?? {};
  }
}

/** The configuration file is invalid; `problems` lists every issue by path. */
export class ConfigError extends HubError {
  readonly problems: string[];
  constructor(problems: string[], file?: string) {
    super(`Invalid configuration${file ? ` in ${file}` : ''}:\n  ${problems.join('\n  ')}`, { context: { file } });
    this.problems = problems;
  }
}

/** A source could not be reached or answered 5xx/429: worth retrying later. */
export class SourceUnavailableError extends HubError {}

/** A source answered in a way that breaks its protocol or refused our credentials: retrying will not help. */
export class SourceContractError extends HubError {}

/** A mapping could not be loaded or could not map one record. */
export class MappingError extends HubError {}

/** A record violates its shapes; carries the report. */
export class ShapeViolationError extends HubError {}

/** The store failed to read or write. */
export class StoreError extends HubError {}

/**
 * The embedded store's files are damaged (a checksum that does not match, an entry that cannot be
 * read with more after it): the store does not open; `hub store verify` and `hub store repair`.
 */
export class StoreDamagedError extends StoreError {}

export class NotFoundError extends HubError {}

export class BadRequestError extends HubError {}

/** Whether an error is worth retrying (network trouble, 5xx, 429) rather than permanent. */
export function isTransient(error: unknown): boolean {
  return error instanceof SourceUnavailableError || (error instanceof StoreError && error.code === 'STORE_UNAVAILABLE');
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
