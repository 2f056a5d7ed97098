/**
 * The venue and the organizer of an event as drafts: what the push step needs to find them in
 * UiTdatabank (a UiTdatabank id a clustered member carries, the name and address to search by)
 * and the place-post / organizer-post body to create them when nothing matches.
 */
import type { BuildOptions, DraftProblem, OrganizerDraft, PlaceDraft } from './contract.js';
import { SOURCE_FIELDS, type PublicPlace } from './public-event.js';
import { uitdatabankId } from './published-records.js';

const DEFAULT_PLACE_TYPE = { id: '8.70.0.0.0', label: 'Theater' };

/** The venue's draft; problems when it can neither be found by id nor created. */
export function placeDraft(place: PublicPlace, members: string[], options: BuildOptions): { draft: PlaceDraft; problems: DraftProblem[] } {
  const main = options.mainLanguage ?? 'nl';
  const problems: DraftProblem[] = [];
  const id = uitdatabankId(members, 'place');
  const name = (place.names.find((n) => n.language === main) ?? place.names[0])?.value.trim() ?? '';
  const country = place.country?.trim().toUpperCase();
  const address =
    place.street?.trim() && place.postalCode?.trim() && place.locality?.trim() && country && /^[A-Z]{2}$/.test(country)
      ? { streetAddress: place.street.trim(), postalCode: place.postalCode.trim(), addressLocality: place.locality.trim(), addressCountry: country }
      : undefined;
  const type = options.placeType ?? DEFAULT_PLACE_TYPE;
  const body = {
    mainLanguage: main,
    name: { [main]: name },
    terms: [{ id: type.id, label: type.label, domain: 'eventtype' }],
    calendarType: 'permanent',
    ...(address ? { address: { [main]: address } } : {}),
  };
  if (!id) {
    // Without a UiTdatabank id the venue may have to be created, which needs a name and a full address.
    if (!name) problems.push({ field: 'location', sourceField: SOURCE_FIELDS.location, message: 'The venue has no name: name the event location in Ticketmatic.', severity: 'error' });
    if (!address) {
      problems.push({
        field: 'location',
        sourceField: SOURCE_FIELDS.location,
        message: `The venue "${name || place.iri}" has no complete address (street, postcode, city, two-letter country code), so it cannot be found or created in UiTdatabank: complete the event location in Ticketmatic.`,
        severity: 'error',
      });
    }
  }
  return {
    draft: { entity: place.iri, members, ...(id ? { uitdatabankId: id } : {}), name, ...(address ? { address } : {}), ...(place.geo ? { geo: place.geo } : {}), body },
    problems,
  };
}

/** The house as organizer, from the push settings; undefined when none is set. */
export function organizerDraft(options: BuildOptions): OrganizerDraft | undefined {
  const o = options.organizer;
  if (!o) return undefined;
  const main = options.mainLanguage ?? 'nl';
  return {
    entity: o.url,
    members: [o.url],
    ...(o.uitdatabankId ? { uitdatabankId: o.uitdatabankId } : {}),
    name: o.name,
    body: { mainLanguage: main, name: { [main]: o.name }, url: o.url },
  };
}
