/** What the hub sends to UiTdatabank's Entry API: drafts, their diff and granular updates (issue 18). */
export * from './contract.js';
export { buildEventDrafts } from './event-drafts.js';
export { diffDocuments } from './document-diff.js';
export { updatesFor } from './event-updates.js';
export { loadGenreMap } from './genre-map.js';
