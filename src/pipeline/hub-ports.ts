/** The API's ports (ports.ts) for a hub in one process: harvests run here, reports come from its data folder. */
import { errorMessage } from '../core/errors.js';
import { makeDecision, recordDecision, withdrawDecision } from '../publication/matching/decisions.js';
import { decideSuggestion } from '../publication/matching/suggestions-graph.js';
import { ReportHistory } from '../reports/report-history.js';
import { askExternalServices } from './ask-external-services.js';
import { planNow, pushNow } from './push/push-now.js';
import type { Hub } from './hub.js';
import type { AppPorts } from './ports.js';

export function hubPorts(hub: Hub, log?: (message: string, error: unknown) => void): AppPorts {
  const history = new ReportHistory(hub.config.hub.dataDir, hub.states);
  return {
    store: hub.store,
    ...(hub.match ? { recluster: hub.match } : {}),
    config: { hub: hub.config.hub, sources: hub.config.sources, baseDir: hub.config.baseDir, source: (id) => hub.source(id) },
    runs: {
      isRunning: (id) => hub.isRunning(id),
      runs: (id) => history.runs(id),
      run: (id, runId) => history.run(id, runId),
      latest: (id) => history.latest(id),
    },
    linkDecisions: {
      record: (input) => recordDecision(hub.store, hub.config.hub.baseIri, makeDecision(hub.config.hub.baseIri, input)),
      withdraw: (id) => withdrawDecision(hub.store, hub.config.hub.baseIri, id),
    },
    linkSuggestions: {
      ask: (options = {}) => askExternalServices(hub.store, hub.config, options),
      decide: (id, status, curator) => decideSuggestion(hub.store, hub.config.hub.baseIri, id, status, curator),
    },
    push: {
      plan: (id) => planNow(hub.config, hub.store, id, { entryApi: hub.entryApi }),
      push: (id) => pushNow(hub.config, hub.store, id, { entryApi: hub.entryApi, log: (message, fields) => log?.(message, fields) }),
    },
    harvest: {
      async harvest(id, options = {}) {
        hub.source(id);
        const joined = hub.isRunning(id);
        void hub.harvest(id, { full: options.full }).catch((e) => log?.(`harvest of ${id} failed: ${errorMessage(e)}`, e));
        return { sourceId: id, running: true, joined };
      },
    },
  };
}
