/**
 * Reads RDF for validation from text: Turtle, TriG, N-Triples, N-Quads, JSON-LD (contexts from
 * local files only, never fetched) and RDF/XML (no DTDs or external entities are resolved).
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import jsonld from 'jsonld';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { localDocumentLoader } from '../core/jsonld-loader.js';
import { parseRdf, quad, type Quad } from '../core/rdf.js';

export type RdfFormat = 'turtle' | 'trig' | 'n-triples' | 'n-quads' | 'json-ld' | 'rdf-xml';

const BY_EXTENSION: Record<string, RdfFormat> = {
  '.ttl': 'turtle',
  '.turtle': 'turtle',
  '.trig': 'trig',
  '.nt': 'n-triples',
  '.nq': 'n-quads',
  '.jsonld': 'json-ld',
  '.json': 'json-ld',
  '.rdf': 'rdf-xml',
  '.xml': 'rdf-xml',
  '.owl': 'rdf-xml',
};

const BY_MEDIA_TYPE: Record<string, RdfFormat> = {
  'text/turtle': 'turtle',
  'application/x-turtle': 'turtle',
  'application/trig': 'trig',
  'application/n-triples': 'n-triples',
  'text/plain': 'n-triples',
  'application/n-quads': 'n-quads',
  'application/ld+json': 'json-ld',
  'application/json': 'json-ld',
  'application/rdf+xml': 'rdf-xml',
  'application/xml': 'rdf-xml',
  'text/xml': 'rdf-xml',
};

/** The RDF format for a file name or media type, if known. */
export function formatFor(nameOrMediaType: string): RdfFormat | undefined {
  const mediaType = nameOrMediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return BY_MEDIA_TYPE[mediaType] ?? BY_EXTENSION[extname(nameOrMediaType).toLowerCase()];
}

/** Guesses the format from the first characters when neither name nor media type says it. */
export function sniffFormat(text: string): RdfFormat {
  const start = text.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return 'json-ld';
  if (start.startsWith('<?xml') || /^<rdf:RDF[\s>]/.test(start)) return 'rdf-xml';
  return 'turtle';
}

function parseRdfXml(text: string, baseIRI: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const out: Quad[] = [];
    // EDM providers routinely send IRIs with spaces (image URLs); Metis accepts them, so do we.
    const parser = new RdfXmlParser({ baseIRI, validateUri: false });
    parser.on('data', (q: Quad) => out.push(quad(q.subject, q.predicate, q.object, q.graph)));
    parser.on('error', reject);
    parser.on('end', () => resolve(out));
    parser.write(text);
    parser.end();
  });
}

/** Resolves a JSON-LD context URL to a document; must never go to the network. */
export type ContextLoader = (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;

async function parseJsonLd(text: string, baseIRI: string, loader: ContextLoader): Promise<Quad[]> {
  const doc = JSON.parse(text) as object;
  // jsonld.js replaces the loader's error by a generic one; keep ours, it says what to do.
  let loaderError: unknown;
  const documentLoader: ContextLoader = async (url) => {
    try {
      return await loader(url);
    } catch (error) {
      loaderError = error;
      throw error;
    }
  };
  let nquads: string;
  try {
    nquads = (await jsonld.toRDF(doc as any, { base: baseIRI, format: 'application/n-quads', documentLoader } as any)) as unknown as string;
  } catch (error) {
    throw loaderError ?? error;
  }
  return parseRdf(nquads, { format: 'N-Quads' });
}

/** Parses RDF text in the given (or sniffed) format; errors name the format and the base IRI. */
export async function parseData(
  text: string,
  options: { format?: RdfFormat; baseIRI: string; contextLoader?: ContextLoader },
): Promise<Quad[]> {
  const format = options.format ?? sniffFormat(text);
  try {
    switch (format) {
      case 'json-ld':
        return await parseJsonLd(text, options.baseIRI, options.contextLoader ?? localDocumentLoader);
      case 'rdf-xml':
        return await parseRdfXml(text, options.baseIRI);
      case 'n-triples':
        return parseRdf(text, { format: 'N-Triples', baseIRI: options.baseIRI });
      case 'n-quads':
        return parseRdf(text, { format: 'N-Quads', baseIRI: options.baseIRI });
      case 'trig':
        return parseRdf(text, { format: 'TriG', baseIRI: options.baseIRI });
      default:
        return parseRdf(text, { format: 'Turtle', baseIRI: options.baseIRI });
    }
  } catch (error) {
    throw new Error(`Cannot parse ${options.baseIRI} as ${format}: ${(error as Error).message}`, { cause: error });
  }
}

/** Reads and parses an RDF file, choosing the format by its extension (or by sniffing). */
export async function readDataFile(path: string, options: { format?: RdfFormat; contextLoader?: ContextLoader } = {}): Promise<Quad[]> {
  const text = await readFile(path, 'utf8');
  return parseData(text, { format: options.format ?? formatFor(path), baseIRI: pathToFileURL(path).href, contextLoader: options.contextLoader });
}
