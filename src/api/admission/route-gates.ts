/** The per-client gates of the hub's CPU-heavy routes, built once from hub.admission. */
import type { HubSettings } from '../../config/schema.js';
import { ClientGate } from './client-gate.js';
import { VALIDATE_TIME_LIMIT_MS } from './validate-off-loop.js';

export interface RouteGates {
  /** /sparql and /graph-store. */
  query: ClientGate;
  /** POST /validate. */
  validate: ClientGate;
  /** /oai. */
  oai: ClientGate;
}

/** Longest an OAI-PMH page may take to build, ms: bounds Retry-After on /oai. */
const OAI_TIME_LIMIT_MS = 30_000;

export function routeGates(hub: Pick<HubSettings, 'admission' | 'api' | 'sparql'>): RouteGates {
  const knownKeys = new Set(hub.api.keys.map((k) => k.key));
  return {
    query: new ClientGate({ label: 'SPARQL queries (hub.admission.sparql)', anonymous: hub.admission.sparql, keyed: hub.admission.apiKeys.sparql, knownKeys, timeLimitMs: hub.sparql.timeoutMs }),
    validate: new ClientGate({ label: 'validations (hub.admission.validate)', anonymous: hub.admission.validate, keyed: hub.admission.apiKeys.validate, knownKeys, timeLimitMs: VALIDATE_TIME_LIMIT_MS }),
    oai: new ClientGate({ label: 'OAI-PMH requests (hub.admission.oai)', anonymous: hub.admission.oai, keyed: hub.admission.apiKeys.oai, knownKeys, timeLimitMs: OAI_TIME_LIMIT_MS }),
  };
}
