/**
 * The search document of a heritage object record, from what the object mappings produce
 * (mappings/lido-object.yml, meemoo-object.yml, oai-dc-object.yml, ghent-ldes.yml): titles and
 * notes, keeper, object types (crm:P2_has_type and type assignments), makers (production and
 * creation events, through roles; canonical agent IRIs after matching, their other IRIs as
 * aliases), materials, period (EDTF time-spans as years), places, rights statements and their
 * reuse category, image and IIIF manifest.
 */
import { CE, CRM, DCT, EDM, FOAF, RDFS, SCHEMA } from '../../core/vocab.js';
import { texts, time } from './document-texts.js';
import { edtfYears } from './edtf-years.js';
import type { RecordInfo } from './activity-document.js';
import { addPlace, placeInfo } from './place-info.js';
import type { RecordGraph } from './record-graph.js';
import { mostOpen, rightsCategory } from './rights-category.js';
import { emptyDoc, type Ref, type SearchDoc } from './search-document.js';

/** Ghent's type nodes name the form field a value came from (projectcest "Invulboek"): not a classification. */
const FIELD_TYPE = 'https://www.projectcest.be/wiki/';
const dedupe = (refs: Ref[]) => refs.filter((r, i) => refs.findIndex((o) => o.id === r.id) === i);

export function heritageDocument(graph: RecordGraph, record: RecordInfo, defaultRights?: string): SearchDoc {
  const e = record.entity;
  const doc = emptyDoc('heritage-objects', e, record.recordGraph, record.source);
  doc.organisations = record.organisations;
  doc.aliases = graph.aliases(e);
  const isLocal = (iri: string) => iri.startsWith(`${e}#`);
  const typeOf = (node: string) => graph.nodes(node, CRM('P2_has_type')).filter((t) => !t.startsWith(FIELD_TYPE));
  /** A value node that only wraps a classification (Ghent: a local concept typed with an AAT term) stands for that term. */
  const concept = (node: string): Ref => {
    const types = typeOf(node);
    return isLocal(node) && types.length > 0 && !graph.labels(node).nl ? graph.ref(types[0]!, isLocal) : graph.ref(node, isLocal);
  };

  texts(doc, graph, e, [CRM('P102_has_title'), DCT('title')], [CRM('P3_has_note'), DCT('description')], [RDFS('label'), CRM('P190_has_symbolic_content'), SCHEMA('value')]);
  doc.created = time(graph.first(e, DCT('created')));
  doc.modified = time(graph.first(e, DCT('modified'))) ?? time(record.published);
  doc.keepers = dedupe(graph.nodes(e, CRM('P50_has_current_keeper'), CRM('P49_has_former_or_current_keeper'), CE('MaterieelDing.beheerder')).map((n) => graph.ref(n, isLocal)));

  const classified = graph.nodes(e, CRM('P41i_was_classified_by')).flatMap((a) => graph.nodes(a, CRM('P42_assigned')));
  doc.types = dedupe([...graph.nodes(e, CRM('P2_has_type'), DCT('type')), ...classified].filter((t) => !t.startsWith(FIELD_TYPE)).map(concept));
  doc.materials = dedupe(graph.nodes(e, CRM('P45_consists_of'), DCT('medium')).map(concept));

  // Production and creation (of a design the object carries): makers, time-spans, places.
  const events = [
    ...graph.nodes(e, CRM('P108i_was_produced_by')),
    ...graph.nodes(e, CRM('P67i_is_referred_to_by'), CRM('P128_carries'), CRM('P65_shows_visual_item')).flatMap((c) => graph.nodes(c, CRM('P94i_was_created_by'))),
  ];
  const makers: Ref[] = [];
  const years: number[] = [];
  for (const ev of events) {
    for (const agent of graph.nodes(ev, CRM('P14_carried_out_by'))) makers.push(graph.ref(agent, isLocal));
    for (const span of graph.objects(ev, CRM('P4_has_time-span'))) {
      const range = span.termType === 'Literal' ? edtfYears(span.value) : spanYears(graph, span.value);
      if (range) years.push(...range);
    }
    for (const place of graph.nodes(ev, CRM('P7_took_place_at'))) addPlace(doc, placeInfo(graph, place, isLocal) ?? { ref: graph.ref(place, isLocal) });
  }
  for (const creator of graph.nodes(e, DCT('creator'), 'http://purl.org/dc/elements/1.1/creator')) makers.push(graph.ref(creator, isLocal));
  doc.makers = dedupe(makers);
  for (const t of graph.objects(e, DCT('temporal'), DCT('date'))) {
    const range = t.termType === 'Literal' ? edtfYears(t.value) : undefined;
    if (range) years.push(...range);
  }
  if (years.length > 0) [doc.periodFrom, doc.periodTo] = [Math.min(...years), Math.max(...years)];
  for (const place of graph.nodes(e, DCT('spatial'), CRM('P62_depicts')).filter((p) => graph.objects(p, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type').some((t) => /Location|Place/.test(t.value))))
    addPlace(doc, placeInfo(graph, place, isLocal) ?? { ref: graph.ref(place, isLocal) });

  // Rights: statements of the object and of its representations (E30 rights typed by the statement IRI), or licences.
  const representations = graph.nodes(e, CRM('P138i_has_representation'), EDM('isShownBy'), SCHEMA('image'), FOAF('depiction'));
  const statements = [e, ...representations].flatMap((s) => [
    ...graph.nodes(s, CRM('P104_is_subject_to')).flatMap((r) => graph.nodes(r, CRM('P2_has_type'))),
    ...graph.nodes(s, DCT('rights'), DCT('license'), EDM('rights'), 'http://creativecommons.org/ns#license'),
  ]);
  doc.rights = [...new Set(statements.filter((s) => /^https?:/.test(s)))];
  if (doc.rights.length === 0 && defaultRights) doc.rights.push(defaultRights);
  doc.rightsCategory = mostOpen(doc.rights.map(rightsCategory));
  doc.hasImage = representations.length > 0;
  doc.hasIiif = graph.nodes(e, CRM('P129i_is_subject_of'), 'http://rdfs.org/sioc/services#has_service', DCT('hasFormat')).some((m) => /iiif/i.test(m) || graph.nodes(m, DCT('conformsTo')).some((c) => c.includes('iiif.io/api/presentation')));
  return doc;
}

function spanYears(graph: RecordGraph, span: string): number[] | undefined {
  const from = graph.first(span, CRM('P82a_begin_of_the_begin'), CE('Periode.begin'), 'http://data.europa.eu/m8g/startTime');
  const to = graph.first(span, CRM('P82b_end_of_the_end'), CE('Periode.einde'), 'http://data.europa.eu/m8g/endTime');
  const years = [from, to].filter((v): v is string => v !== undefined).flatMap((v) => edtfYears(v) ?? []);
  return years.length ? years : undefined;
}
