/** Picks the format for a logical source's reference formulation. */
import type { FunctionRegistry } from '../../functions/index.js';
import type { LogicalSourceDef } from '../model.js';
import { CsvFormat } from './csv-format.js';
import type { Format } from './format.js';
import { JsonFormat } from './json-format.js';
import { SparqlFormat } from './sparql-format.js';
import { ViewFormat } from './view-format.js';
import { XmlFormat } from './xml-format.js';

export type { Format, Reference, Value } from './format.js';

/** `functions` serve the function executions in logical view fields. */
export function formatFor(source: LogicalSourceDef, functions?: FunctionRegistry): Format {
  if (source.view) return new ViewFormat(source, functions) as Format;
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
