/**
 * Field-level diff of two Entry API documents (what was last sent, what is built now): one change
 * per top-level field, except that localized texts (`name`, `description`) compare per language
 * (`name.nl`), terms per domain (`terms.eventtype`, `terms.theme`) and the location / organizer
 * by their `@id`, since those are what the granular endpoints take. Key order never counts.
 */
import type { EntryDocument, FieldChange } from './contract.js';

const LOCALIZED = new Set(['name', 'description']);
const REFERENCES = new Set(['location', 'organizer']);

/** JSON with sorted keys, so two documents differing only in key order compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** A term list's ids of one domain, sorted (labels are UiTdatabank's to write). */
function termIds(terms: unknown, domain: string): string[] | undefined {
  if (!Array.isArray(terms)) return undefined;
  const ids = terms.filter((t) => asRecord(t).domain === domain || (domain === 'eventtype' && asRecord(t).domain === undefined)).map((t) => String(asRecord(t).id));
  return ids.length ? ids.sort() : undefined;
}

const refId = (value: unknown) => {
  const r = asRecord(value);
  return typeof r['@id'] === 'string' ? r['@id'] : undefined;
};

export function diffDocuments(sent: EntryDocument, now: EntryDocument): FieldChange[] {
  const changes: FieldChange[] = [];
  const keys = [...new Set([...Object.keys(sent), ...Object.keys(now)])].sort();
  for (const key of keys) {
    const before = sent[key];
    const after = now[key];
    if (LOCALIZED.has(key)) {
      const b = asRecord(before);
      const a = asRecord(after);
      for (const lang of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) {
        if (!same(b[lang], a[lang])) changes.push({ path: `${key}.${lang}`, before: b[lang], after: a[lang] });
      }
    } else if (key === 'terms') {
      for (const domain of ['eventtype', 'theme', 'facility']) {
        const b = termIds(before, domain);
        const a = termIds(after, domain);
        if (!same(b, a)) changes.push({ path: `terms.${domain}`, before: b, after: a });
      }
    } else if (REFERENCES.has(key)) {
      const b = refId(before);
      const a = refId(after);
      if (b !== a) changes.push({ path: key, before: b, after: a });
    } else if (!same(before, after)) {
      changes.push({ path: key, before, after });
    }
  }
  return changes;
}
