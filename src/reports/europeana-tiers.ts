/**
 * A prediction of a record's Europeana Publishing Framework tiers from its EDM record, as the hub
 * exports it, by the rules of Europeana's Metis (metis-indexing `tiers`): the content tier (0–4: by
 * edm:type, a media link or landing page, and the rights statement's reuse) and the metadata tier
 * (0, A, B, C: the lowest of language-tagged property types, enabling elements in discovery groups,
 * and qualifying contextual entities), with what the next tier needs. Metis decides the real tiers
 * (it also measures the media's pixels and type, which the hub cannot without fetching them); what
 * is predicted and what is not is in docs/reports.md ("Europeana tiers").
 */
import { DC, DCT, EDM, ORE, RDF, SKOS } from '../core/vocab.js';
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
  /** edm:type of the object (IMAGE, TEXT, SOUND, VIDEO, 3D); Europeana's rules for the content tier differ by type. */
  type?: string;
  /** edm:isShownBy, edm:hasView or edm:object: a direct link to a media file. */
  mediaLink: boolean;
  /** A IIIF service or manifest (svcs:has_service, dcterms:isReferencedBy). */
  iiif: boolean;
  /** edm:isShownAt: the object on the organisation's website. */
  pageLink: boolean;
  /**
   * Language: of the descriptive property types the object fills (dc:title, dc:description …, Metis'
   * LanguageTagStatistics), how many, and how many with a language (a tagged value, or a link to a
   * place, period or concept with a tagged label).
   */
  properties: number;
  tagged: number;
  /** Enabling elements: the distinct ones the object has, and the discovery groups they give (temporal, conceptual, personal, geographical). */
  enabling: string[];
  groups: EnablingGroup[];
  /** Contextual classes (Agent, Concept, Place, TimeSpan) linked from the object by an entity that qualifies (Metis' ContextualClassesClassifier). */
  linkedClasses: string[];
}

export type EnablingGroup = 'temporal' | 'conceptual' | 'personal' | 'geographical';

/** Enabling elements with a fixed group: they count with a literal or a link (Metis EnablingElement). */
const ENABLING: Record<string, EnablingGroup> = {
  [DCT('created')]: 'temporal',
  [DCT('issued')]: 'temporal',
  [DCT('temporal')]: 'temporal',
  [DC('format')]: 'conceptual',
  [DC('type')]: 'conceptual',
  [DCT('medium')]: 'conceptual',
  [DC('creator')]: 'personal',
  [DC('contributor')]: 'personal',
  [DC('publisher')]: 'personal',
  [DCT('spatial')]: 'geographical',
  [EDM('currentLocation')]: 'geographical',
};
/** Enabling elements that count only as a link to a contextual entity of one of these groups. */
const LINKED_ENABLING: Record<string, EnablingGroup[]> = {
  [DC('subject')]: ['conceptual', 'personal', 'geographical'],
  [EDM('hasMet')]: ['temporal', 'personal'],
};
const GROUP_CLASS: Record<EnablingGroup, string> = { temporal: 'TimeSpan', conceptual: 'Concept', personal: 'Agent', geographical: 'Place' };
const CONTEXTUAL = [EDM('Agent'), EDM('Place'), EDM('TimeSpan'), SKOS('Concept')];
const className = (iri: string) => iri.slice(iri.search(/[#/][^#/]*$/) + 1);
/**
 * Vocabularies Europeana dereferences itself: an object's field pointing at one of their IRIs
 * becomes a contextual entity in Europeana even when the record holds no description of it. Their
 * entities carry what Metis asks (labels in many languages, a broader term, coordinates, life dates),
 * so they are predicted to qualify.
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
/** The descriptive property types whose values can carry a language (Metis LanguageTagStatistics.PropertyType). */
const QUALIFIABLE = new Set([
  ...['coverage', 'description', 'format', 'relation', 'rights', 'source', 'subject', 'title', 'type'].map((n) => DC(n)),
  ...['alternative', 'hasPart', 'isPartOf', 'isReferencedBy', 'medium', 'provenance', 'references', 'spatial', 'tableOfContents', 'temporal'].map((n) => DCT(n)),
  EDM('currentLocation'),
  EDM('hasType'),
  EDM('isRelatedTo'),
]);
/** What makes a contextual entity count for the metadata tier, besides its label (Metis ContextualClassesClassifier). */
const RDAGR2 = 'http://rdvocab.info/ElementsGr2/';
const WGS84 = 'http://www.w3.org/2003/01/geo/wgs84_pos#';
const QUALIFIES: Record<string, { label: boolean; any: string[]; all?: string[] }> = {
  Agent: { label: true, any: [EDM('begin'), EDM('end'), `${RDAGR2}dateOfBirth`, `${RDAGR2}dateOfDeath`, `${RDAGR2}placeOfBirth`, `${RDAGR2}placeOfDeath`, `${RDAGR2}professionOrOccupation`] },
  Concept: { label: true, any: [SKOS('note'), SKOS('broader'), SKOS('narrower'), SKOS('exactMatch'), SKOS('closeMatch'), SKOS('related')] },
  Place: { label: true, any: [], all: [`${WGS84}lat`, `${WGS84}long`] },
  TimeSpan: { label: false, any: [], all: [EDM('begin'), EDM('end')] },
};

/** Open licences (EPF: tier 4), restricted reuse (tier 3); any other accepted statement allows tier 2 at most. */
export function rightsKind(iri: string | undefined): RightsKind {
  // A statement Europeana does not accept is as good as none (the record is withheld).
  if (!iri || !isAcceptedRights(canonicalRightsIri(iri))) return 'none';
  const r = iri.replace(/^https:/, 'http:');
  if (/creativecommons\.org\/publicdomain\/(mark|zero)\//.test(r) || /creativecommons\.org\/licenses\/by(-sa)?\/\d/.test(r)) return 'open';
  if (/creativecommons\.org\/licenses\/by-(nc|nc-sa|nc-nd|nd)\//.test(r) || /rightsstatements\.org\/vocab\/(NoC-NC|NoC-OKLR|InC-EDU)\//.test(r)) return 'restricted';
  return 'in-copyright';
}

/** The facts of one EDM record (its quads); `base` is the hub's base IRI (its own IRIs are no vocabulary Europeana reads). */
export function edmFacts(quads: Quad[], base: string): EdmFacts {
  const typesOf = new Map<string, Set<string>>();
  const props = new Map<string, Map<string, Quad['object'][]>>();
  for (const q of quads) {
    if (q.predicate.value === RDF('type')) (typesOf.get(q.subject.value) ?? typesOf.set(q.subject.value, new Set()).get(q.subject.value)!).add(q.object.value);
    const own = props.get(q.subject.value) ?? props.set(q.subject.value, new Map()).get(q.subject.value)!;
    (own.get(q.predicate.value) ?? own.set(q.predicate.value, []).get(q.predicate.value)!).push(q.object);
  }
  const objects = [...typesOf].filter(([, t]) => t.has(EDM('ProvidedCHO')) || t.has(ORE('Proxy'))).map(([s]) => s);
  const aggregations = [...typesOf].filter(([, t]) => t.has(ORE('Aggregation'))).map(([s]) => s);
  const values = (s: string, p: string) => props.get(s)?.get(p) ?? [];
  const has = (s: string, p: string) => values(s, p).some((o) => o.value.trim() !== '');
  /** The contextual class of an entity the record describes, or that Europeana would dereference from this field. */
  const contextualClass = (iri: string, field?: string): string | undefined => {
    const t = typesOf.get(iri);
    const own = t && CONTEXTUAL.find((c) => t.has(c));
    if (own) return className(own);
    return field && /^https?:\/\//.test(iri) && !iri.startsWith(base) && DEREFERENCED.test(iri) ? FIELD_CLASS[field] : undefined;
  };
  const qualifies = (iri: string, cls: string): boolean => {
    if (!typesOf.has(iri)) return DEREFERENCED.test(iri);
    const rule = QUALIFIES[cls];
    if (!rule) return false;
    if (rule.label && !has(iri, SKOS('prefLabel'))) return false;
    return (rule.all ?? []).every((p) => has(iri, p)) && (rule.any.length === 0 || rule.any.some((p) => has(iri, p)));
  };
  const taggedLabel = (iri: string) => values(iri, SKOS('prefLabel')).some((o) => o.termType === 'Literal' && o.language !== '');

  const facts: EdmFacts = { mediaLink: false, iiif: false, pageLink: false, properties: 0, tagged: 0, enabling: [], groups: [], linkedClasses: [] };
  for (const a of aggregations) {
    facts.rights ??= values(a, EDM('rights'))[0]?.value;
    if (has(a, EDM('isShownBy')) || has(a, EDM('object')) || has(a, EDM('hasView'))) facts.mediaLink = true;
    if (has(a, EDM('isShownAt'))) facts.pageLink = true;
  }
  if (quads.some((q) => q.predicate.value === 'http://rdfs.org/sioc/services#has_service' || (q.predicate.value === DCT('isReferencedBy') && /iiif|manifest/i.test(q.object.value)))) facts.iiif = true;
  const filled = new Set<string>();
  const withLanguage = new Set<string>();
  const enabling = new Set<string>();
  const groups = new Set<EnablingGroup>();
  const linked = new Set<string>();
  for (const o of objects) {
    facts.type ??= values(o, EDM('type'))[0]?.value;
    for (const [p, objs] of props.get(o) ?? []) {
      for (const v of objs) {
        if (v.value.trim() === '') continue;
        const link = v.termType === 'NamedNode' ? v.value : undefined;
        const cls = link ? contextualClass(link, p) : undefined;
        if (QUALIFIABLE.has(p)) {
          filled.add(p);
          // A tagged literal, or a link to a place, period or concept with a tagged label (or one Europeana dereferences).
          if (v.termType === 'Literal' ? v.language !== '' : cls !== undefined && cls !== 'Agent' && (typesOf.has(link!) ? taggedLabel(link!) : true)) withLanguage.add(p);
        }
        if (ENABLING[p]) {
          enabling.add(p);
          groups.add(ENABLING[p]);
        }
        for (const g of (link && cls && LINKED_ENABLING[p]) || []) {
          if (GROUP_CLASS[g] !== cls) continue;
          enabling.add(p);
          groups.add(g);
        }
        if (link && cls && qualifies(link, cls)) linked.add(cls);
      }
    }
  }
  facts.properties = filled.size;
  facts.tagged = withLanguage.size;
  facts.enabling = [...enabling].map(className).sort();
  facts.groups = [...groups].sort();
  facts.linkedClasses = [...linked].sort();
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
/** The highest content tier a rights statement allows (Metis LicenseType: closed 2, restricted 3, open 4). */
const RIGHTS_CAP: Record<RightsKind, ContentTier> = { none: 0, 'in-copyright': 2, restricted: 3, open: 4 };
/** Share of descriptive property types with a language each metadata tier needs (Metis LanguageClassifier). */
const LANGUAGE_SHARE: Record<Exclude<MetadataTier, '0'>, number> = { A: 25, B: 50, C: 75 };

/**
 * The predicted tiers of one record, by Metis' rules (docs/reports.md, "Europeana tiers"). The
 * content tier assumes the linked media are large enough (an image of at least 0.95 megapixels, a
 * PDF): Europeana measures them, the hub does not fetch them.
 */
export function predictTiers(f: EdmFacts): TierPrediction {
  const rights = rightsKind(f.rights);
  const media = f.mediaLink || f.iiif;
  const image = (f.type ?? 'IMAGE') === 'IMAGE';
  // Images need a media file (Europeana makes the thumbnail from it); other types reach tier 1 with a page on the organisation's site.
  const withoutRights: ContentTier = media ? 4 : !image && f.pageLink ? 1 : 0;
  const content = Math.min(withoutRights, RIGHTS_CAP[rights]) as ContentTier;
  const nextContent: TierNeed[] =
    rights === 'none' ? [{ key: 'rights' }] : content === 0 ? [{ key: image ? 'mediaLink' : 'pageLink' }] : content === 1 ? [{ key: 'mediaLink' }] : content === 2 ? [{ key: 'reuseRights' }] : content === 3 ? [{ key: 'openRights' }] : [];

  const pct = f.properties ? Math.round((f.tagged / f.properties) * 1000) / 10 : 0;
  const language: MetadataTier = pct >= 75 ? 'C' : pct >= 50 ? 'B' : pct >= 25 ? 'A' : '0';
  const elements = f.enabling.length;
  const groups = f.groups.length;
  const enabling: MetadataTier = groups >= 2 && elements >= 4 ? 'C' : groups >= 2 && elements >= 3 ? 'B' : elements >= 1 ? 'A' : '0';
  const contextual: MetadataTier = f.linkedClasses.length >= 2 ? 'C' : f.linkedClasses.length === 1 ? 'B' : 'A';
  const metadata = lowest(language, enabling, contextual);
  const next = TIERS[TIERS.indexOf(metadata) + 1] as Exclude<MetadataTier, '0'> | undefined;
  const nextMetadata: TierNeed[] = [];
  if (next) {
    if (TIERS.indexOf(language) < TIERS.indexOf(next)) nextMetadata.push({ key: 'language', pct, target: LANGUAGE_SHARE[next] });
    if (TIERS.indexOf(enabling) < TIERS.indexOf(next)) nextMetadata.push({ key: 'enabling', target: next === 'A' ? 1 : next === 'B' ? 3 : 4 });
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
