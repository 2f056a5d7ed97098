/**
 * A prediction of a record's Europeana Publishing Framework tiers from its EDM record, as the hub
 * exports it: the content tier (0–4: is there something to show, and may it be reused) and the
 * metadata tier (0, A, B, C: language-tagged descriptive fields, enabling elements, contextual
 * entities linked to a vocabulary), with what the next tier needs. Europeana's Metis decides the
 * real tiers (it also measures image resolution, which the hub cannot); the rules are in
 * docs/reports.md ("Europeana tiers").
 */
import { DC, DCT, EDM, ORE, OWL, RDF, SKOS } from '../core/vocab.js';
import type { Quad } from '../core/rdf.js';
import { parseData } from '../validation/read-data.js';
import { canonicalRightsIri, isAcceptedRights } from '../config/edm-rights.js';

export type ContentTier = 0 | 1 | 2 | 3 | 4;
export type MetadataTier = '0' | 'A' | 'B' | 'C';
export type RightsKind = 'open' | 'restricted' | 'in-copyright' | 'none';

/** What the tiers are predicted from, read from one EDM record (`edmFacts`). */
export interface EdmFacts {
  /** edm:rights of the aggregation. */
  rights?: string;
  /** edm:isShownBy or edm:object: a direct link to the media file. */
  mediaLink: boolean;
  /** A IIIF service or manifest (svcs:has_service, dcterms:isReferencedBy). */
  iiif: boolean;
  /** edm:isShownAt: the object on the organisation's website. */
  pageLink: boolean;
  /** Literal descriptive values of the object and its contextual entities' labels, and how many carry a language. */
  literals: number;
  tagged: number;
  /** Enabling elements found, per discovery group (when, what, who, where). */
  enabling: Record<EnablingGroup, number>;
  /** Contextual classes (Agent, Place, TimeSpan, Concept) with a label and a link to a vocabulary. */
  linkedClasses: string[];
}

export type EnablingGroup = 'when' | 'what' | 'who' | 'where';

/** The EPF's enabling elements, by the discovery scenario they serve. */
const ENABLING: Record<string, EnablingGroup> = {
  [DC('date')]: 'when',
  [DCT('created')]: 'when',
  [DCT('issued')]: 'when',
  [DCT('temporal')]: 'when',
  [EDM('year')]: 'when',
  [DC('subject')]: 'what',
  [DC('type')]: 'what',
  [DC('format')]: 'what',
  [DCT('medium')]: 'what',
  [DC('creator')]: 'who',
  [DC('contributor')]: 'who',
  [DC('publisher')]: 'who',
  [DCT('spatial')]: 'where',
  [EDM('currentLocation')]: 'where',
};
const CONTEXTUAL = [EDM('Agent'), EDM('Place'), EDM('TimeSpan'), SKOS('Concept')];
/**
 * Vocabularies Europeana dereferences itself: an object's field pointing at one of their IRIs
 * becomes a labelled contextual entity in Europeana even when the record holds no description of it.
 */
const DEREFERENCED = /^https?:\/\/(vocab\.getty\.edu|www\.wikidata\.org|sws\.geonames\.org|www\.geonames\.org|viaf\.org|id\.loc\.gov|data\.europeana\.eu|semantics\.gr|thesaurus\.europeanafashion\.eu)\//;
/** The contextual class a dereferenced IRI in this field of the object stands for. */
const FIELD_CLASS: Record<string, string> = {
  [DC('subject')]: 'Concept',
  [DC('type')]: 'Concept',
  [DC('format')]: 'Concept',
  [DCT('medium')]: 'Concept',
  [DC('creator')]: 'Agent',
  [DC('contributor')]: 'Agent',
  [DC('publisher')]: 'Agent',
  [DCT('spatial')]: 'Place',
  [EDM('currentLocation')]: 'Place',
  [DCT('temporal')]: 'TimeSpan',
};
/** The descriptive fields whose literals can carry a language (as Europeana's language dimension counts them). */
const QUALIFIABLE = new Set([
  ...['coverage', 'description', 'format', 'relation', 'rights', 'source', 'subject', 'title', 'type'].map((n) => DC(n)),
  ...['alternative', 'isPartOf', 'medium', 'provenance', 'spatial', 'tableOfContents', 'temporal'].map((n) => DCT(n)),
  EDM('currentLocation'),
]);

/** Open licences (EPF: tier 4), restricted reuse (tier 3); any other accepted statement allows tier 2 at most. */
export function rightsKind(iri: string | undefined): RightsKind {
  // A statement Europeana does not accept is as good as none (the record is withheld).
  if (!iri || !isAcceptedRights(canonicalRightsIri(iri))) return 'none';
  const r = iri.replace(/^https:/, 'http:');
  if (/creativecommons\.org\/publicdomain\/(mark|zero)\//.test(r) || /creativecommons\.org\/licenses\/by(-sa)?\/\d/.test(r)) return 'open';
  if (/creativecommons\.org\/licenses\/by-(nc|nc-sa|nc-nd|nd)\//.test(r) || /rightsstatements\.org\/vocab\/(NoC-NC|NoC-OKLR|InC-EDU)\//.test(r)) return 'restricted';
  return 'in-copyright';
}

/** The facts of one EDM record (its quads); `base` is the hub's base IRI (its own IRIs link to no vocabulary). */
export function edmFacts(quads: Quad[], base: string): EdmFacts {
  const typesOf = new Map<string, Set<string>>();
  for (const q of quads) if (q.predicate.value === RDF('type')) (typesOf.get(q.subject.value) ?? typesOf.set(q.subject.value, new Set()).get(q.subject.value)!).add(q.object.value);
  const isA = (s: string, cls: string) => typesOf.get(s)?.has(cls) ?? false;
  const objects = new Set([...typesOf].filter(([, t]) => t.has(EDM('ProvidedCHO')) || t.has(ORE('Proxy'))).map(([s]) => s));
  const contextual = new Set([...typesOf].filter(([, t]) => CONTEXTUAL.some((c) => t.has(c))).map(([s]) => s));
  const facts: EdmFacts = { mediaLink: false, iiif: false, pageLink: false, literals: 0, tagged: 0, enabling: { when: 0, what: 0, who: 0, where: 0 }, linkedClasses: [] };
  const labelled = new Set<string>();
  const dereferenced = new Set<string>();
  const linked = new Set<string>();
  const external = (iri: string) => /^https?:\/\//.test(iri) && !iri.startsWith(base);
  for (const c of contextual) if (external(c)) linked.add(c);
  for (const q of quads) {
    const s = q.subject.value;
    const p = q.predicate.value;
    if (isA(s, ORE('Aggregation'))) {
      if (p === EDM('rights')) facts.rights = q.object.value;
      if (p === EDM('isShownBy') || p === EDM('object')) facts.mediaLink = true;
      if (p === EDM('isShownAt')) facts.pageLink = true;
    }
    if (p === 'http://rdfs.org/sioc/services#has_service' || (p === DCT('isReferencedBy') && /iiif|manifest/i.test(q.object.value))) facts.iiif = true;
    if (objects.has(s)) {
      if (q.object.termType === 'NamedNode' && FIELD_CLASS[p] && !contextual.has(q.object.value) && DEREFERENCED.test(q.object.value)) dereferenced.add(FIELD_CLASS[p]);
      const group = ENABLING[p];
      if (group) facts.enabling[group] += 1;
      if (q.object.termType === 'Literal' && QUALIFIABLE.has(p)) {
        facts.literals += 1;
        if (q.object.language) facts.tagged += 1;
      }
    }
    if (contextual.has(s)) {
      if (p === SKOS('prefLabel')) {
        labelled.add(s);
        facts.literals += 1;
        if (q.object.termType === 'Literal' && q.object.language) facts.tagged += 1;
      }
      if ((p === OWL('sameAs') || p === SKOS('exactMatch') || p === SKOS('closeMatch')) && external(q.object.value)) linked.add(s);
    }
  }
  const classes = new Set<string>(dereferenced);
  for (const s of linked) if (labelled.has(s)) for (const c of CONTEXTUAL) if (isA(s, c)) classes.add(c.slice(c.search(/[#/][^#/]*$/) + 1));
  facts.linkedClasses = [...classes].sort();
  return facts;
}

/** What the next tier needs, as keys the pages put in words (`tierNeeds.{key}`), with the figures they quote. */
export interface TierNeed {
  key: 'pageLink' | 'mediaLink' | 'rights' | 'reuseRights' | 'openRights' | 'language' | 'enabling' | 'contextual';
  /** The share of descriptive values with a language, 0–100 (language needs). */
  pct?: number;
  /** The share the next tier asks for (language), or how many groups (enabling) or classes (contextual). */
  target?: number;
}

export interface TierPrediction {
  content: ContentTier;
  metadata: MetadataTier;
  rights: RightsKind;
  /** What raises the content tier by one (none at 4). */
  nextContent: TierNeed[];
  /** What raises the metadata tier by one (none at C). */
  nextMetadata: TierNeed[];
}

const TIERS: MetadataTier[] = ['0', 'A', 'B', 'C'];
const lowest = (...t: MetadataTier[]) => TIERS[Math.min(...t.map((x) => TIERS.indexOf(x)))]!;

/** The predicted tiers of one record, by the EPF's criteria (docs/reports.md). */
export function predictTiers(f: EdmFacts): TierPrediction {
  const rights = rightsKind(f.rights);
  const media = f.mediaLink || f.iiif;
  const content: ContentTier = !media && !f.pageLink ? 0 : !media || rights === 'none' ? 1 : rights === 'open' ? 4 : rights === 'restricted' ? 3 : 2;
  const nextContent: TierNeed[] =
    content === 0 ? [{ key: 'pageLink' }] : content === 1 ? [{ key: media ? 'rights' : 'mediaLink' }] : content === 2 ? [{ key: 'reuseRights' }] : content === 3 ? [{ key: 'openRights' }] : [];

  const pct = f.literals ? Math.round((f.tagged / f.literals) * 1000) / 10 : 0;
  const language: MetadataTier = pct >= 50 ? 'C' : pct >= 25 ? 'B' : f.tagged >= 1 ? 'A' : '0';
  const groups = Object.values(f.enabling).filter((n) => n > 0).length;
  const elements = Object.values(f.enabling).reduce((a, b) => a + b, 0);
  const enabling: MetadataTier = elements >= 4 && groups >= 4 ? 'C' : elements >= 3 && groups >= 2 ? 'B' : elements >= 1 ? 'A' : '0';
  const contextual: MetadataTier = f.linkedClasses.length >= 2 ? 'C' : f.linkedClasses.length === 1 ? 'B' : 'A';
  const metadata = lowest(language, enabling, contextual);
  const next = TIERS[TIERS.indexOf(metadata) + 1];
  const nextMetadata: TierNeed[] = [];
  if (next) {
    if (TIERS.indexOf(language) < TIERS.indexOf(next)) nextMetadata.push({ key: 'language', pct, target: next === 'A' ? 1 : next === 'B' ? 25 : 50 });
    if (TIERS.indexOf(enabling) < TIERS.indexOf(next)) nextMetadata.push({ key: 'enabling', target: next === 'A' ? 1 : next === 'B' ? 2 : 4 });
    if (TIERS.indexOf(contextual) < TIERS.indexOf(next)) nextMetadata.push({ key: 'contextual', target: next === 'B' ? 1 : 2 });
  }
  return { content, metadata, rights, nextContent, nextMetadata };
}

/** Counts per tier, and per "next tier needs" how many records need it, for a page's top. */
export interface TierCounts {
  records: number;
  content: Record<ContentTier, number>;
  metadata: Record<MetadataTier, number>;
  /** `content:mediaLink`, `metadata:language` … → records. */
  needs: { need: TierNeed['key']; kind: 'content' | 'metadata'; records: number; example: string }[];
}

export function countTiers(records: { recordId: string; tiers: TierPrediction }[]): TierCounts {
  const out: TierCounts = { records: records.length, content: { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 }, metadata: { '0': 0, A: 0, B: 0, C: 0 }, needs: [] };
  const needs = new Map<string, TierCounts['needs'][number]>();
  for (const { recordId, tiers } of records) {
    out.content[tiers.content] += 1;
    out.metadata[tiers.metadata] += 1;
    for (const [kind, list] of [['content', tiers.nextContent], ['metadata', tiers.nextMetadata]] as const) {
      for (const n of list) {
        const key = `${kind}:${n.key}`;
        const entry = needs.get(key) ?? { need: n.key, kind, records: 0, example: recordId };
        entry.records += 1;
        needs.set(key, entry);
      }
    }
  }
  out.needs = [...needs.values()].sort((a, b) => b.records - a.records);
  return out;
}

/** The predicted tiers of an EDM record given as the RDF/XML the hub exports (undefined when it has none). */
export async function tiersOfEdmXml(xml: string, base: string): Promise<TierPrediction | undefined> {
  if (!xml) return undefined;
  return predictTiers(edmFacts(await parseData(xml, { format: 'rdf-xml', baseIRI: base }), base));
}
