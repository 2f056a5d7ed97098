/**
 * The mapping as data: what `read-rml.ts` makes of an RML graph and what `compile.ts` turns into
 * closures. Every node keeps its IRI or blank-node label (`id`) so that errors can name it.
 */
import type { Term } from '../../core/rdf.js';

/** `sparql`: SPARQL results of the query in rml:iterator, over an RDF file (see `sparqlResults`). */
export type ReferenceFormulation = 'json' | 'xml' | 'csv' | 'sparql';
/** `uri` (rml:URI) percent-encodes non-ASCII characters too; `unsafeIri` encodes nothing. */
export type TermType = 'iri' | 'uri' | 'unsafeIri' | 'blank' | 'literal';

/** Where a logical source reads its data. */
export interface SourceDef {
  /** File path as written in the mapping. */
  path: string;
  /** Resolve `path` against the mapping file's folder (`mapping`) or the working directory (`cwd`). */
  root: 'mapping' | 'cwd';
  /** rml:null values: strings that mean "no value" (CSV). */
  nulls: string[];
  compression?: string;
  encoding?: string;
}

export interface LogicalSourceDef {
  id: string;
  source: SourceDef;
  formulation: ReferenceFormulation;
  iterator?: string;
  /** XPath namespace prefixes declared on the source. */
  namespaces: Record<string, string>;
  /** For `sparql`: the results format named (formats:SPARQL_Results_CSV, _JSON or _XML). */
  sparqlResults?: 'csv' | 'json' | 'xml';
  /** CSV delimiter (YARRRML `~csv` with a delimiter, CSVW dialects). */
  delimiter?: string;
  /** Current-vocabulary strictness (see MappingDef.legacy). */
  strict: boolean;
  /** Set when this is an rml:LogicalView; `source`/`formulation` are then those of its root source. */
  view?: ViewDef;
}

/** rml-lv: a field of a logical view (its values become view columns named by `name`). */
export interface FieldDef {
  id: string;
  name: string;
  /**
   * An iterable field's values are the records its iterator selects (from the value of its
   * expression, or from the parent record when it has none); they are not referenceable. An
   * expression field's values are those of its expression.
   */
  iterable: boolean;
  expression?: TermMapDef;
  /** The iterable field's iterator; the formulation's root (JSON, XML) or its rows (CSV) when absent. */
  iterator?: string;
  /** Reference formulation for this field's records and its children, when it changes. */
  formulation?: ReferenceFormulation;
  fields: FieldDef[];
}

export interface ViewJoinDef {
  inner: boolean;
  parent: LogicalSourceDef;
  conditions: { child: TermMapDef; parent: TermMapDef }[];
  fields: FieldDef[];
}

export interface ViewDef {
  viewOn: LogicalSourceDef;
  fields: FieldDef[];
  joins: ViewJoinDef[];
}

export interface FunctionInput {
  parameter: string;
  value: TermMapDef;
}

export interface FunctionExecutionDef {
  id: string;
  fn: TermMapDef;
  inputs: FunctionInput[];
}

/** A term map or expression map: exactly one of constant, reference, template, function or gather. */
export interface TermMapDef {
  id: string;
  constant?: Term;
  reference?: string;
  template?: string;
  execution?: FunctionExecutionDef;
  /** rml:return of a function-valued map (which output to take). */
  returns?: string;
  /** Gathered term maps; a referencing object map (ObjectMapDef) may be one of them. */
  /** Gathered term maps; referencing object maps (ObjectMapDef with parentTriplesMap) among them. */
  gather?: TermMapDef[];
  gatherAs?: string;
  gatherStrategy?: 'append' | 'cartesianProduct';
  allowEmpty?: boolean;
  /** rml:condition: the term map yields terms only where this expression is true. */
  condition?: TermMapDef;
  termType?: TermType;
  language?: TermMapDef;
  datatype?: TermMapDef;
}

export interface JoinDef {
  child: TermMapDef;
  parent: TermMapDef;
}

export interface ObjectMapDef extends TermMapDef {
  parentTriplesMap?: string;
  joins: JoinDef[];
}

export interface PredicateObjectMapDef {
  id: string;
  predicates: TermMapDef[];
  objects: ObjectMapDef[];
  graphs: TermMapDef[];
}

export interface SubjectMapDef extends TermMapDef {
  classes: string[];
  graphs: TermMapDef[];
}

export interface TriplesMapDef {
  id: string;
  /** rdfs:label (YARRRML's mapping name), for messages. */
  label?: string;
  /** rml:baseIRI of the triples map, overriding the run's base IRI. */
  base?: string;
  logicalSource: LogicalSourceDef;
  subject: SubjectMapDef;
  poms: PredicateObjectMapDef[];
}

export interface MappingDef {
  triplesMaps: TriplesMapDef[];
  /** Base IRI declared in the mapping document (@base), if any. */
  base?: string;
  /**
   * Written in the legacy RML/R2RML vocabulary: then, as RMLMapper does, JSON values are plain
   * strings, arrays are multiple values, and values that make invalid IRIs are skipped, not errors.
   */
  legacy: boolean;
}
