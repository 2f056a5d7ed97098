/** Text and date helpers the document extractors share. */
import type { RecordGraph } from './record-graph.js';
import type { LangText, SearchDoc } from './search-document.js';

/** Epoch milliseconds of an ISO date or date-time (a date-time without zone is UTC), or undefined. */
export function time(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Text without markup (Ticketmatic descriptions are HTML) and with whitespace collapsed. */
export function plain(text: string): string {
  return text.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

function unique(list: LangText[]): LangText[] {
  const seen = new Set<string>();
  return list.filter((t) => t.text !== '' && !seen.has(`${t.lang}\n${t.text}`) && seen.add(`${t.lang}\n${t.text}`));
}

/** Fills titles, descriptions, languages and the main language of `doc` from the subject's literals. */
export function texts(doc: SearchDoc, graph: RecordGraph, subject: string, titles: string[], descriptions: string[], nested: string[] = []): void {
  const fromNodes = (predicates: string[]) => graph.nodes(subject, ...predicates).flatMap((n) => graph.texts(n, ...nested));
  doc.titles = unique([...graph.texts(subject, ...titles), ...(nested.length ? fromNodes(titles) : [])].map((t) => ({ lang: t.lang, text: plain(t.text) })));
  doc.descriptions = unique([...graph.texts(subject, ...descriptions), ...(nested.length ? fromNodes(descriptions) : [])].map((t) => ({ lang: t.lang, text: plain(t.text) })));
  doc.languages = [...new Set([...doc.titles, ...doc.descriptions].map((t) => t.lang.split('-')[0]!).filter((l) => l !== 'und'))];
  doc.mainLanguage = doc.titles.some((t) => t.lang === 'nl') ? 'nl' : doc.titles.find((t) => t.lang !== 'und')?.lang.split('-')[0];
}
