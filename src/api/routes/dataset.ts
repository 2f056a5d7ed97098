/**
 * Dataset description: a DCAT-AP (Vlaanderen) catalogue at /catalog (one dcat:Dataset per source
 * plus the whole hub, each with SPARQL, REST and LDES distributions) and VoID at
 * /.well-known/void with triple and entity counts taken from the store. The hub's datasets are
 * typed both dcat:Dataset and void:Dataset, so the catalogue carries the VoID statistics too.
 */
import express, { type Request, type Response, type Router } from 'express';
import type { AppPorts } from '../../pipeline/ports.js';
import { entitiesGraphIri, normaliseBase, sourceIri } from '../../core/identifiers.js';
import { blankNode, literal, namedNode, quad, type Quad } from '../../core/rdf.js';
import { DCAT, DCT, FOAF, HUB, PROV, RDF, RDFS, VOID, XSD } from '../../core/vocab.js';
import { HttpError } from '../http-errors.js';
import { negotiate } from '../negotiation.js';
import { COLLECTIONS, collectionForEntityType } from '../../publication/indexes/collections.js';
import { serialise, type RdfMediaType } from '../rest/rdf-serialise.js';

const OFFERS: RdfMediaType[] = ['text/turtle', 'application/ld+json', 'application/n-triples', 'application/rdf+xml'];
const COUNTS_TTL_MS = 30_000;

interface Counts {
  /** Distinct triples of the entities graph (the SPARQL default graph). */
  triples: number;
  perSource: Map<string, { triples: number; entities: number }>;
}

export function createDatasetRouter({ store, config }: Pick<AppPorts, 'store' | 'config'>): Router {
  const router = express.Router();
  const base = normaliseBase(config.hub.baseIri);
  let cached: { at: number; counts: Promise<Counts> } | undefined;

  const counts = (): Promise<Counts> => {
    if (cached && Date.now() - cached.at < COUNTS_TTL_MS) return cached.counts;
    const work = (async () => {
      // The entities graph is a set (the store keeps each triple once), so COUNT(*) counts distinct
      // triples: what the SPARQL default graph holds, without provenance and reports.
      const [total] = await store.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${entitiesGraphIri(base)}> { ?s ?p ?o } }`);
      const rows = await store.select(`SELECT ?source (COUNT(DISTINCT ?g) AS ?entities) (COUNT(*) AS ?triples) WHERE {
  GRAPH ?pg { ?g <${PROV('wasGeneratedBy')}> ?publication }
  GRAPH ?publication { ?publication <${HUB('source')}> ?source }
  GRAPH ?g { ?s ?p ?o }
} GROUP BY ?source`);
      return {
        triples: Number(total?.n?.value ?? 0),
        perSource: new Map(rows.map((r) => [r.source!.value, { triples: Number(r.triples!.value), entities: Number(r.entities!.value) }])),
      };
    })();
    cached = { at: Date.now(), counts: work };
    work.catch(() => (cached = undefined));
    return work;
  };

  const nn = namedNode;
  const int = (n: number) => literal(String(n), nn(XSD('integer')));
  const hubDataset = nn(`${base}dataset`);

  const describeDataset = (out: Quad[], subject: ReturnType<typeof nn>, title: string, description: string, publisher: string, stats?: { triples: number; entities: number }) => {
    const t = (p: string, o: Quad['object']) => out.push(quad(subject, nn(p), o));
    t(RDF('type'), nn(DCAT('Dataset')));
    t(RDF('type'), nn(VOID('Dataset')));
    t(DCT('title'), literal(title, 'nl'));
    t(DCT('description'), literal(description, 'nl'));
    t(DCT('identifier'), literal(subject.value));
    const agent = blankNode(`publisher-${out.length}`);
    t(DCT('publisher'), agent);
    out.push(quad(agent, nn(RDF('type')), nn(FOAF('Agent'))), quad(agent, nn(FOAF('name')), literal(publisher)));
    t(VOID('sparqlEndpoint'), nn(`${base}sparql`));
    t(VOID('uriSpace'), literal(`${base}id/`));
    t(DCAT('landingPage'), nn(`${base}api/docs`));
    if (stats) {
      t(VOID('triples'), int(stats.triples));
      t(VOID('entities'), int(stats.entities));
    }
  };

  /** The named-graph kinds as VoID subsets of the hub's dataset, each saying how to query it. */
  const graphKinds = (out: Quad[]) => {
    const kinds: [string, string, string][] = [
      ['entities', `The SPARQL default graph <${entitiesGraphIri(base)}>: every triple of every record graph, each once. void:triples of the hub's dataset counts it.`, 'SELECT * WHERE { ?s ?p ?o } LIMIT 10'],
      ['records', `One named graph per record, ${base}graph/{sourceId}/{recordId}: the record's triples as published.`, `SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(REGEX(STR(?g), "^${base}graph/[^/]+/[^/]+$")) } LIMIT 10`],
      [
        'provenance',
        `One named graph per record, ${base}graph/{sourceId}/{recordId}/provenance: PROV-O about its record graph (a tombstone once deleted), prov:wasGeneratedBy a publication node of its run, ${base}run/{sourceId}/{runId}/published/{key}, that says in a graph of its own name what the records it published share (source, entity type, mapping, shapes, organisation, conformance, time).`,
        `SELECT ?g ?t WHERE { GRAPH ?pg { ?g <http://www.w3.org/ns/prov#wasGeneratedBy> ?p } GRAPH ?p { ?p <http://www.w3.org/ns/prov#endedAtTime> ?t } } LIMIT 10`,
      ],
      ['reports', `One named graph per harvest run, ${base}graph/reports/{sourceId}/{runId}: the run report and its SHACL validation results.`, `SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${base}graph/reports/")) } LIMIT 10`],
    ];
    for (const [id, description, example] of kinds) {
      const d = nn(`${base}dataset#${id}`);
      out.push(
        quad(hubDataset, nn(VOID('subset')), d),
        quad(d, nn(RDF('type')), nn(VOID('Dataset'))),
        quad(d, nn(DCT('title')), literal(id, 'en')),
        quad(d, nn(DCT('description')), literal(description, 'en')),
        quad(d, nn(VOID('sparqlEndpoint')), nn(`${base}sparql`)),
        quad(d, nn(RDFS('comment')), literal(`Example query: ${example}`, 'en')),
      );
    }
  };

  const distribution = (out: Quad[], dataset: ReturnType<typeof nn>, id: string, title: string, access: string, format: string) => {
    const d = nn(`${dataset.value}#${id}`);
    out.push(
      quad(dataset, nn(DCAT('distribution')), d),
      quad(d, nn(RDF('type')), nn(DCAT('Distribution'))),
      quad(d, nn(DCT('title')), literal(title, 'nl')),
      quad(d, nn(DCAT('accessURL')), nn(access)),
      quad(d, nn(DCAT('mediaType')), nn(`https://www.iana.org/assignments/media-types/${format}`)),
    );
  };

  const graph = async (): Promise<Quad[]> => {
    const c = await counts();
    const out: Quad[] = [];
    const catalog = nn(`${base}catalog`);
    out.push(
      quad(catalog, nn(RDF('type')), nn(DCAT('Catalog'))),
      quad(catalog, nn(DCT('title')), literal(`${config.hub.aggregator} — catalogus`, 'nl')),
      quad(catalog, nn(DCT('description')), literal('Linked open data van de Vlaamse cultuursector, geoogst, gemapt naar OSLO, gevalideerd en gepubliceerd.', 'nl')),
      quad(catalog, nn(DCT('publisher')), nn(`${base}#publisher`)),
      quad(nn(`${base}#publisher`), nn(RDF('type')), nn(FOAF('Agent'))),
      quad(nn(`${base}#publisher`), nn(FOAF('name')), literal(config.hub.aggregator)),
      quad(catalog, nn(DCAT('dataset')), hubDataset),
    );
    const all = [...c.perSource.values()].reduce((a, s) => ({ triples: a.triples + s.triples, entities: a.entities + s.entities }), { triples: 0, entities: 0 });
    // The triples of the SPARQL default graph (the entities graph); provenance and reports are named graphs beside it.
    describeDataset(out, hubDataset, `${config.hub.aggregator}: alle data`, 'Alle gepubliceerde records van alle bronnen, met herkomst en rapporten.', config.hub.aggregator, { triples: c.triples, entities: all.entities });
    graphKinds(out);
    distribution(out, hubDataset, 'sparql', 'SPARQL-endpoint', `${base}sparql`, 'application/sparql-results+json');
    distribution(out, hubDataset, 'rest', 'REST API v1', `${base}api/v1`, 'application/ld+json');
    for (const col of COLLECTIONS.filter((x) => x.name !== 'sources')) distribution(out, hubDataset, `ldes-${col.name}`, `LDES: ${col.title}`, `${base}ldes/${col.name}`, 'application/ld+json');
    for (const source of config.sources) {
      const d = nn(sourceIri(base, source.id));
      const stats = c.perSource.get(d.value) ?? { triples: 0, entities: 0 };
      out.push(quad(catalog, nn(DCAT('dataset')), d), quad(hubDataset, nn(VOID('subset')), d));
      describeDataset(out, d, source.name ?? source.id, `Records van ${source.name ?? source.id}${source.organisation ? ` (${source.organisation})` : ''}, geoogst en gepubliceerd door de hub.`, source.organisation ?? config.hub.aggregator, stats);
      const col = collectionForEntityType(source.entityType);
      if (col) distribution(out, d, 'rest', `REST API: ${col.title}`, `${base}api/v1/${col.name}?source=${source.id}`, 'application/ld+json');
    }
    return out;
  };

  const send = async (req: Request, res: Response, quads: Quad[]) => {
    const type = negotiate(req.headers.accept, OFFERS) as RdfMediaType | undefined;
    if (!type) throw new HttpError(406, `No acceptable format; offered: ${OFFERS.join(', ')}`);
    res.set('vary', 'Accept').set('access-control-allow-origin', '*');
    res.type(`${type}; charset=utf-8`).send(await serialise(quads, type, { base, context: 'ghent-generiek-basis.jsonld' }));
  };

  router.get('/catalog', (req, res, next) => void graph().then((q) => send(req, res, q)).catch(next));
  router.get('/.well-known/void', (req, res, next) =>
    void graph()
      .then((q) => {
        // VoID only: the datasets and their statistics, without the catalogue wrapper.
        const voidSubjects = new Set(q.filter((x) => x.predicate.value === RDF('type') && x.object.value === VOID('Dataset')).map((x) => x.subject.value));
        return send(req, res, q.filter((x) => voidSubjects.has(x.subject.value) || x.subject.termType === 'BlankNode'));
      })
      .catch(next),
  );
  return router;
}
