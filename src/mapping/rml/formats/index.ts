/** Picks the format for a logical source's reference formulation. */
import type { LogicalSourceDef } from '../model.js';
import { CsvFormat } from './csv-format.js';
import type { Format } from './format.js';
import { JsonFormat } from './json-format.js';
import { SparqlFormat } from './sparql-format.js';
import { ViewFormat } from './view-format.js';
import { XmlFormat } from './xml-format.js';

export type { Format, Reference, Value } from './format.js';

export function formatFor(source: LogicalSourceDef): Format {
  if (source.view) return new ViewFormat(source) as Format;
  const options = { iterator: source.iterator, namespaces: source.namespaces, nulls: source.source.nulls, delimiter: source.delimiter, strict: source.strict };
  switch (source.formulation) {
    case 'json':
      return new JsonFormat(options);
    case 'xml':
      return new XmlFormat(options);
    case 'csv':
      return new CsvFormat(options) as Format;
    case 'sparql':
      return new SparqlFormat(source.iterator, source.sparqlResults ?? 'csv', source.source.path) as Format;
  }
}
