/** What the hub sends to UiTdatabank's Entry API: drafts, their diff and granular updates (issue 18). */
export * from './contract.js';
export { buildEventDrafts } from './event-drafts.js';
export { eventBody, entryDate, withParticipants } from './event-body.js';
export { diffDocuments, canonicalJson } from './document-diff.js';
export { updatesFor } from './event-updates.js';
export { loadGenreMap, loadPubliqTerms, parseGenreMap, genreKey, type PubliqTerms } from './genre-map.js';
export { PUBLIC_PREDICATES, SOURCE_FIELDS } from './public-event.js';
export { uitdatabankId } from './published-records.js';
