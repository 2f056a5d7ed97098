/**
 * A source's published record graphs → Entry API event drafts (contract.ts): for each published
 * record, the event-post body built from the record graph's public facts only, its venue and
 * organizer as drafts, the UiTdatabank ids the cluster already knows (an event or a place entered
 * in UiTdatabank by hand and harvested by the hub), and the problems the house can act on.
 */
import { normaliseBase } from '../../core/identifiers.js';
import type { StoreReader } from '../../store/store.js';
import type { BuildOptions, DraftProblem, EventDraft } from './contract.js';
import { eventBody } from './event-body.js';
import { organizerDraft, placeDraft } from './participants.js';
import { readPublicEvent, SOURCE_FIELDS } from './public-event.js';
import { knownIris, knownOrganizerIds, publishedRecords, readRecordGraphs, uitdatabankId } from './published-records.js';

/** Records read per round (record graphs, then the IRIs their entities and venues are known by). */
const BATCH = 200;

export async function buildEventDrafts(store: StoreReader, options: BuildOptions): Promise<EventDraft[]> {
  const base = normaliseBase(options.baseIri);
  const records = await publishedRecords(store, base, options.sourceId, options.recordIds);
  const organizer = organizerDraft(options);
  // The house as UiTdatabank already knows it (its organizers harvested by the hub), unless configured.
  if (organizer && !organizer.uitdatabankId && options.organizer) {
    const [id] = await knownOrganizerIds(store, options.organizer);
    if (id) organizer.uitdatabankId = id;
  }
  const out: EventDraft[] = [];
  for (let i = 0; i < records.length; i += BATCH) {
    const batch = records.slice(i, i + BATCH);
    const graphs = await readRecordGraphs(
      store,
      batch.map((r) => r.graph),
    );
    const events = batch.map((r) => ({ record: r, event: readPublicEvent(graphs.get(r.graph) ?? [], r.entity) }));
    const known = await knownIris(store, [...events.map((e) => e.record.entity), ...events.flatMap((e) => (e.event.place ? [e.event.place.iri] : []))]);
    for (const { record, event } of events) {
      const built = eventBody(event, record.recordId, options);
      const problems: DraftProblem[] = [...built.problems];
      const members = known.get(record.entity) ?? [record.entity];
      const eventIds = members.map((m) => uitdatabankId([m], 'event')).filter((id): id is string => id !== undefined);
      if (new Set(eventIds).size > 1) {
        problems.push({
          field: 'event',
          sourceField: 'id',
          message: `UiTdatabank lists this event more than once (${[...new Set(eventIds)].sort().join(', ')}); the first is updated: ask UiTdatabank to merge or delete the others.`,
          severity: 'warning',
        });
      }
      let place: EventDraft['place'];
      if (event.place) {
        const drafted = placeDraft(event.place, known.get(event.place.iri) ?? [event.place.iri], options);
        place = drafted.draft;
        problems.push(...drafted.problems);
      } else {
        problems.push({ field: 'location', sourceField: SOURCE_FIELDS.location, message: 'The event has no venue: set its event location in Ticketmatic.', severity: 'error' });
      }
      const id = uitdatabankId(members, 'event');
      out.push({
        sourceId: options.sourceId,
        recordId: record.recordId,
        graph: record.graph,
        entity: record.entity,
        members,
        ...(id ? { uitdatabankId: id } : {}),
        body: built.body,
        ...(place ? { place } : {}),
        ...(organizer ? { organizer } : {}),
        images: built.images,
        bookingAvailability: built.bookingAvailability,
        status: built.status,
        problems,
      });
    }
  }
  return out;
}
