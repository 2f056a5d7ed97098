/**
 * JSON-LD document loader that serves contexts from local files only (ontologies/contexts/).
 * Harvested documents name remote contexts; fetching them at run time would make the hub
 * depend on third-party uptime and let a source inject arbitrary context, so unknown URLs fail.
 */
import { readFileSync } from 'node:fs';
import { projectPath } from './paths.js';

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

let cache: Map<string, unknown> | undefined;

function contexts(): Map<string, unknown> {
  if (cache) return cache;
  const index = JSON.parse(readFileSync(projectPath('ontologies/contexts/index.json'), 'utf8')) as Record<string, string>;
  cache = new Map();
  for (const [url, file] of Object.entries(index)) {
    cache.set(url, JSON.parse(readFileSync(projectPath('ontologies/contexts', file), 'utf8')));
  }
  return cache;
}

export class UnknownContextError extends Error {
  constructor(url: string) {
    super(`JSON-LD context ${url} is not available locally (add it to ontologies/contexts/index.json); remote contexts are never fetched`);
    this.name = 'UnknownContextError';
  }
}

export async function localDocumentLoader(url: string): Promise<RemoteDocument> {
  const doc = contexts().get(url) ?? contexts().get(url.replace(/^http:/, 'https:'));
  if (doc === undefined) throw new UnknownContextError(url);
  return { contextUrl: null, documentUrl: url, document: doc };
}

/** Whether a context URL is served locally. */
export function hasLocalContext(url: string): boolean {
  return contexts().has(url);
}
