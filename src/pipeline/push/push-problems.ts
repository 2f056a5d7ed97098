/**
 * A refusal or failure of the push in words the house can act on: UiTdatabank's RFC 7807 problem
 * (its schemaErrors' JSON pointers) mapped to the Entry API field and then to the source field
 * that feeds it, with what to change there. Ticketmatic's fields are the builder's SOURCE_FIELDS
 * (publication/push/public-event.ts); other connectors get the Entry API field only.
 */
import { errorMessage, SourceUnavailableError } from '../../core/errors.js';
import { EntryApiError } from '../../connectors/uitdatabank/entry-contract.js';
import { SOURCE_FIELDS, type DraftProblem } from '../../publication/push/index.js';
import type { PushProblem } from './push-map.js';

interface FieldHelp {
  /** Where the value comes from in the source. */
  source: string;
  /** What to change there. */
  fix: string;
}

/** Entry API field (first segment of a JSON pointer) → Ticketmatic field and what to do. */
const TICKETMATIC_FIELDS: Record<string, FieldHelp> = {
  name: { source: SOURCE_FIELDS.name, fix: 'give the event a name in Ticketmatic' },
  description: { source: SOURCE_FIELDS.description, fix: 'shorten or correct the description in Ticketmatic' },
  mainLanguage: { source: 'the push configuration (publishTo.uitdatabank.mainLanguage)', fix: 'set the language the event texts are written in' },
  terms: { source: SOURCE_FIELDS.terms, fix: "choose a genre in Ticketmatic that the hub's genre map knows (mappings/uitdatabank-push/ticketmatic-genres.yml), or add it there" },
  calendarType: { source: SOURCE_FIELDS.calendar, fix: 'give the event a start and an end time in Ticketmatic' },
  subEvent: { source: SOURCE_FIELDS.calendar, fix: 'check that the event ends after it starts in Ticketmatic' },
  startDate: { source: 'start (startts)', fix: 'set a start time in Ticketmatic' },
  endDate: { source: 'end (endts)', fix: 'set an end time after the start in Ticketmatic' },
  location: { source: SOURCE_FIELDS.location, fix: 'choose a venue with a full address (street, postal code, city) in Ticketmatic' },
  address: { source: 'venue address (street1, zip, city, countrycode)', fix: "complete the venue's address in Ticketmatic" },
  organizer: { source: 'the push configuration (publishTo.uitdatabank.organizer)', fix: "set the house's name and website in the hub configuration" },
  priceInfo: { source: SOURCE_FIELDS.priceInfo, fix: 'give every price a category and an amount in Ticketmatic; one base price is required' },
  bookingInfo: { source: 'the push configuration (publishTo.uitdatabank.booking)', fix: "correct the house's public ticket URL, phone or e-mail in the hub configuration" },
  bookingAvailability: { source: SOURCE_FIELDS.bookingAvailability, fix: 'check the event’s sale status in Ticketmatic' },
  status: { source: SOURCE_FIELDS.status, fix: 'check the event’s status in Ticketmatic' },
  mediaObject: { source: SOURCE_FIELDS.image, fix: 'use a public https image URL (jpeg, png or gif) in Ticketmatic' },
  image: { source: SOURCE_FIELDS.image, fix: 'use a public https image URL (jpeg, png or gif) in Ticketmatic' },
  audience: { source: 'the push configuration', fix: 'check the audience setting' },
  typicalAgeRange: { source: 'age range', fix: 'write the age range as from-to, e.g. 6-12' },
};

/** The first segment of a JSON pointer (`/name/nl` → `name`; `/` or `` → the document). */
export function pointerField(pointer: string): string {
  const first = pointer.replace(/^#?\//, '').split('/')[0] ?? '';
  return first.replace(/~1/g, '/').replace(/~0/g, '~');
}

function help(field: string, connectorType: string): FieldHelp {
  const known = connectorType === 'ticketmatic' ? TICKETMATIC_FIELDS[field] : undefined;
  return known ?? { source: field || 'the event as a whole', fix: field ? `correct ${field} at the source` : 'see UiTdatabank’s message' };
}

/** A problem from an error thrown by the Entry API client. */
export function problemOf(error: unknown, action: string, connectorType: string): PushProblem {
  if (error instanceof EntryApiError) {
    const p = error.problem;
    const fields = (p.schemaErrors ?? []).map((e) => {
      const field = pointerField(e.jsonPointer);
      const h = help(field, connectorType);
      return { field: field || '(document)', error: e.error, fix: `${h.fix} (from ${h.source})` };
    });
    const message = [p.title, p.detail].filter(Boolean).join(': ') || error.message;
    return { action, status: p.status, message, ...(fields.length ? { fields } : {}), retried: false };
  }
  // Rate limits, 5xx and network trouble outlived the client's retries (SourceUnavailableError), or
  // something else went wrong on the way: nothing was refused, so the next push tries again.
  const words = error instanceof SourceUnavailableError ? `UiTdatabank did not answer in time: ${errorMessage(error)}` : errorMessage(error);
  return { action, message: words, retried: true };
}

/** The builder's own problems (a draft that cannot be sent) as a push problem. */
export function problemOfDraft(problems: DraftProblem[]): PushProblem {
  const errors = problems.filter((p) => p.severity === 'error');
  return {
    action: 'build',
    message: `not sent: ${errors.length} field${errors.length === 1 ? '' : 's'} to fix in the source`,
    fields: errors.map((p) => ({ field: p.field, error: p.message, fix: `change ${p.sourceField} at the source` })),
    retried: false,
  };
}

/** One line per field, for the CLI and the pages: "name: must not be empty → give the event a name in Ticketmatic …". */
export function problemLines(problem: PushProblem): string[] {
  const head = `${problem.action}${problem.status ? ` (${problem.status})` : ''}: ${problem.message}${problem.retried ? ' — tried again at the next push' : ''}`;
  return [head, ...(problem.fields ?? []).map((f) => `${f.field}: ${f.error} → ${f.fix}`)];
}
