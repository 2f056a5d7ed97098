/**
 * Prints the OpenAPI document the hub serves at /api/openapi.json, for a configuration with the
 * default `hub` settings (or HUB_BASE_IRI), so that `npm run lint:openapi` can lint it with
 * Spectral without starting the hub.
 */
import { openApiDocument } from '../src/api/openapi/openapi-document.js';
import { ListQuerySchema } from '../src/api/routes/api-v1.js';
import { reconcileSettingsOf } from '../src/api/routes/reconcile.js';
import { ConfigSchema } from '../src/config/schema.js';
import { normaliseBase } from '../src/core/identifiers.js';

const config = ConfigSchema.parse({ hub: { ...(process.env.HUB_BASE_IRI ? { baseIri: process.env.HUB_BASE_IRI } : {}) }, sources: [] });
process.stdout.write(`${JSON.stringify(openApiDocument(normaliseBase(config.hub.baseIri), ListQuerySchema, config.hub.api, reconcileSettingsOf(config.hub)), null, 1)}\n`);
