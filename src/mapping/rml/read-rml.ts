/**
 * Reads an RML document (current or legacy vocabulary) into the mapping model. Everything that
 * can be checked without data is checked here, and every error names the triples map and the
 * term map it is about.
 */
import { MappingError } from '../../core/errors.js';
import { namedNode, type Quad, type Term } from '../../core/rdf.js';
import { GraphIndex, termKey } from './graph-index.js';
import type {
  FieldDef,
  FunctionExecutionDef,
  LogicalSourceDef,
  MappingDef,
  ObjectMapDef,
  PredicateObjectMapDef,
  ReferenceFormulation,
  SourceDef,
  SubjectMapDef,
  TermMapDef,
  TermType,
  TriplesMapDef,
} from './model.js';
import { FNO_EXECUTES, LEGACY_FUNCTION_VALUE, RDF_TYPE, RML, isLegacy } from './vocab.js';

const RDFS_LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';
const CSVW = (l: string) => `http://www.w3.org/ns/csvw#${l}`;
const FORMATS = (l: string) => `http://www.w3.org/ns/formats/${l}`;

const TERM_TYPES: Record<string, TermType> = {
  [RML('IRI')]: 'iri',
  [RML('URI')]: 'uri',
  [RML('UnsafeIRI')]: 'unsafeIri',
  [RML('BlankNode')]: 'blank',
  [RML('Literal')]: 'literal',
};

const FORMULATIONS: Record<string, ReferenceFormulation> = {
  [RML('JSONPath')]: 'json',
  [RML('XPath')]: 'xml',
  [RML('XPathReferenceFormulation')]: 'xml',
  [RML('CSV')]: 'csv',
  'http://semweb.mmlab.be/ns/ql#JSONPath': 'json',
  [FORMATS('SPARQL_Results_CSV')]: 'sparql',
  [FORMATS('SPARQL_Results_JSON')]: 'sparql',
  [FORMATS('SPARQL_Results_XML')]: 'sparql',
};

type Where = { triplesMap: string; termMap?: string };

function fail(message: string, where: Where): never {
  const termMap = where.termMap ? `, term map ${where.termMap}` : '';
  throw new MappingError(`${message} (triples map ${where.triplesMap}${termMap})`, { context: { ...where } });
}

const name = (t: Term) => (t.termType === 'BlankNode' ? `_:${t.value}` : `<${t.value}>`);

export class RmlReader {
  private readonly g: GraphIndex;
  private readonly functionNodes = new Set<string>();
  private readonly legacy: boolean;

  constructor(quads: Iterable<Quad>) {
    const list = [...quads];
    this.legacy = list.some((q) => isLegacy(q.predicate.value));
    this.g = new GraphIndex(list);
  }

  read(): MappingDef {
    for (const [, s] of this.g.subjects) {
      for (const fv of this.g.objects(s, LEGACY_FUNCTION_VALUE)) this.functionNodes.add(termKey(fv));
    }
    const maps: TriplesMapDef[] = [];
    for (const [key, s] of this.g.subjects) {
      if (this.functionNodes.has(key)) continue;
      const typed = this.g.objects(s, RDF_TYPE).some((t) => t.value === RML('TriplesMap'));
      const hasSubject = this.g.has(s, RML('subjectMap')) || this.g.has(s, RML('subject'));
      if (!typed && !(hasSubject && this.g.has(s, RML('logicalSource')))) continue;
      maps.push(this.triplesMap(s));
    }
    // Logical views no triples map uses are still part of the mapping: check them too.
    for (const [, s] of this.g.subjects) {
      if (this.g.objects(s, RDF_TYPE).some((t) => t.value === RML('LogicalView'))) this.logicalSource(s, { triplesMap: '(none)' });
    }
    if (maps.length === 0) throw new MappingError('The mapping has no triples maps', { context: {} });
    return { triplesMaps: maps, legacy: this.legacy };
  }

  private triplesMap(node: Term): TriplesMapDef {
    const id = name(node);
    const where: Where = { triplesMap: id };
    const label = this.g.object(node, RDFS_LABEL)?.value;
    const lsNode = this.g.object(node, RML('logicalSource'), () => fail('more than one rml:logicalSource', where));
    if (!lsNode) fail('no rml:logicalSource', where);
    if (this.g.has(node, RML('logicalTable'))) fail('rml:logicalTable (databases) is not supported', where);
    const logicalSource = this.logicalSource(lsNode, where);
    const smNodes = this.g.objects(node, RML('subjectMap'));
    const shortcut = this.g.objects(node, RML('subject'));
    if (smNodes.length + shortcut.length !== 1) fail(`needs exactly one subject map, has ${smNodes.length + shortcut.length}`, where);
    const subject = smNodes.length ? this.subjectMap(smNodes[0], where) : { ...this.constantMap(shortcut[0]), classes: [], graphs: [] };
    if (subject.termType === 'literal') fail('a subject map cannot have rml:termType rml:Literal', { ...where, termMap: subject.id });
    const poms = this.g.objects(node, RML('predicateObjectMap')).map((p) => this.pom(p, where));
    const base = this.g.object(node, RML('baseIRI'))?.value;
    return { id: node.value, label, base, logicalSource, subject, poms };
  }

  private logicalSource(node: Term, where: Where): LogicalSourceDef {
    const id = name(node);
    const at = { ...where, termMap: id };
    if (this.g.has(node, RML('viewOn'))) return this.logicalView(node, where);
    const srcNode = this.g.object(node, RML('source'));
    if (!srcNode) fail('the logical source has no rml:source', at);
    const source = this.source(srcNode, at);
    const rfNode = this.g.object(node, RML('referenceFormulation'));
    let formulation: ReferenceFormulation | undefined;
    const namespaces: Record<string, string> = {};
    if (rfNode) {
      formulation = FORMULATIONS[rfNode.value];
      if (!formulation) {
        for (const t of this.g.objects(rfNode, RDF_TYPE)) formulation ??= FORMULATIONS[t.value];
      }
      for (const ns of this.g.objects(rfNode, RML('namespace'))) {
        const prefix = this.g.object(ns, RML('namespacePrefix'))?.value;
        const url = this.g.object(ns, RML('namespaceURL'))?.value;
        if (prefix !== undefined && url) namespaces[prefix] = url;
      }
    } else {
      const ext = source.path.toLowerCase().replace(/\.(gz|zip|tar\.gz|tar\.xz)$/, '').split('.').pop();
      formulation = ext === 'csv' ? 'csv' : ext === 'xml' ? 'xml' : ext === 'json' ? 'json' : undefined;
    }
    if (!formulation) fail(`unsupported reference formulation ${rfNode ? name(rfNode) : '(none)'}`, at);
    const iterator = this.g.object(node, RML('iterator'))?.value;
    const delimiter = this.csvDelimiter(srcNode);
    const sparqlResults = formulation === 'sparql' ? sparqlResultsOf([rfNode!, ...this.g.objects(rfNode!, RDF_TYPE)]) : undefined;
    return { id, source, formulation, iterator, namespaces, delimiter, strict: !this.legacy, sparqlResults };
  }

  /** Views being read, to refuse cycles (a view on itself, joins back to a view in progress). */
  private readonly viewsInProgress = new Set<string>();
  private readonly views = new Map<string, LogicalSourceDef>();

  private logicalView(node: Term, where: Where): LogicalSourceDef {
    const id = name(node);
    const at = { ...where, termMap: id };
    const done = this.views.get(id);
    if (done) return done;
    if (this.viewsInProgress.has(id)) fail(`logical view ${id} depends on itself`, at);
    this.viewsInProgress.add(id);
    const viewOn = this.logicalSource(this.g.object(node, RML('viewOn'))!, where);
    const fields = this.fields(node, where, new Set());
    const names = new Set(allFieldNames(fields));
    const joins = [
      ...this.g.objects(node, RML('leftJoin')).map((j) => ({ j, inner: false })),
      ...this.g.objects(node, RML('innerJoin')).map((j) => ({ j, inner: true })),
    ].map(({ j, inner }) => {
      const parentNode = this.g.object(j, RML('parentLogicalView'));
      if (!parentNode) fail('a join needs rml:parentLogicalView', at);
      const parent = this.logicalSource(parentNode, where);
      if (!parent.view) fail(`rml:parentLogicalView ${parent.id} of logical view ${id} is not a logical view`, at);
      const conditions = this.g.objects(j, RML('joinCondition')).map((jc) => {
        const child = this.g.object(jc, RML('childMap')) ?? this.g.object(jc, RML('child'));
        const par = this.g.object(jc, RML('parentMap')) ?? this.g.object(jc, RML('parent'));
        if (!child || !par) fail('a join condition needs a child and a parent', at);
        const expr = (t: Term) => (t.termType === 'Literal' ? { id: name(jc), reference: t.value } : this.termMap(t, where));
        return { child: expr(child), parent: expr(par) };
      });
      const joinFields = this.fields(j, where, new Set());
      for (const n of allFieldNames(joinFields)) {
        if (names.has(n)) fail(`field name "${n}" is used twice in logical view ${id}`, at);
        names.add(n);
      }
      return { inner, parent, conditions, fields: joinFields };
    });
    this.viewsInProgress.delete(id);
    const def: LogicalSourceDef = { ...viewOn, id, iterator: undefined, view: { viewOn, fields, joins } };
    this.views.set(id, def);
    return def;
  }

  private fields(node: Term, where: Where, seen: Set<string>): FieldDef[] {
    const out: FieldDef[] = [];
    for (const f of this.g.objects(node, RML('field'))) {
      const at = { ...where, termMap: name(f) };
      if (seen.has(termKey(f))) fail('a field contains itself', at);
      const fieldName = this.g.object(f, RML('fieldName'))?.value;
      if (!fieldName) fail('a field needs rml:fieldName', at);
      if (out.some((o) => o.name === fieldName)) fail(`field name "${fieldName}" is used twice among sibling fields`, at);
      const iterator = this.g.object(f, RML('iterator'))?.value;
      const rf = this.g.object(f, RML('referenceFormulation'));
      const formulation = rf ? FORMULATIONS[rf.value] : undefined;
      if (rf && !formulation) fail(`unsupported reference formulation ${name(rf)}`, at);
      // Typed fields say what they are; an untyped field with an iterator or its own reference
      // formulation iterates (the expression, if any, gives what it iterates over).
      const types = this.g.objects(f, RDF_TYPE).map((t) => t.value);
      const iterable = types.includes(RML('IterableField')) || (!types.includes(RML('ExpressionField')) && (iterator !== undefined || formulation !== undefined));
      const hasExpression = ['reference', 'template', 'constant', 'functionExecution'].some((p) => this.g.has(f, RML(p)));
      const inner = new Set(seen).add(termKey(f));
      out.push({
        id: name(f),
        name: fieldName,
        iterable,
        iterator,
        expression: iterable && !hasExpression ? undefined : this.termMap(f, where),
        formulation,
        fields: this.fields(f, where, inner),
      });
    }
    return out;
  }

  private csvDelimiter(srcNode: Term): string | undefined {
    const dialect = this.g.object(srcNode, CSVW('dialect'));
    return dialect ? this.g.object(dialect, CSVW('delimiter'))?.value : undefined;
  }

  private source(node: Term, at: Where): SourceDef {
    if (node.termType === 'Literal') return { path: node.value, root: 'mapping', nulls: [] };
    const types = this.g.objects(node, RDF_TYPE).map((t) => t.value);
    if (types.some((t) => t.includes('d2rq') || t.endsWith('Database'))) fail('database sources are not supported', at);
    const path = this.g.object(node, RML('path'))?.value ?? this.g.object(node, CSVW('url'))?.value;
    if (path === undefined) fail(`unsupported source ${name(node)} (no rml:path)`, at);
    const rootNode = this.g.object(node, RML('root'));
    const root = rootNode?.value === RML('CurrentWorkingDirectory') ? 'cwd' : 'mapping';
    const nulls = this.g.objects(node, RML('null')).map((t) => t.value);
    const compression = this.g.object(node, RML('compression'))?.value;
    const encoding = this.g.object(node, RML('encoding'))?.value;
    return {
      path,
      root,
      nulls,
      compression: compression && compression !== RML('none') ? compression.slice(RML('').length) : undefined,
      encoding: encoding ? encoding.slice(RML('').length) : undefined,
    };
  }

  private subjectMap(node: Term, where: Where): SubjectMapDef {
    const tm = this.termMap(node, where);
    const classes = this.g.objects(node, RML('class')).map((c) => {
      if (c.termType !== 'NamedNode') fail('rml:class must be an IRI', { ...where, termMap: tm.id });
      return c.value;
    });
    return { ...tm, classes, graphs: this.graphMaps(node, where) };
  }

  private graphMaps(node: Term, where: Where): TermMapDef[] {
    return [
      ...this.g.objects(node, RML('graphMap')).map((n) => this.termMap(n, where)),
      ...this.g.objects(node, RML('graph')).map((c) => this.constantMap(c)),
    ];
  }

  private pom(node: Term, where: Where): PredicateObjectMapDef {
    const predicates = [
      ...this.g.objects(node, RML('predicateMap')).map((n) => this.termMap(n, where)),
      ...this.g.objects(node, RML('predicate')).map((c) => this.constantMap(c)),
    ];
    const objects: ObjectMapDef[] = [
      ...this.g.objects(node, RML('objectMap')).map((n) => this.objectMap(n, where)),
      ...this.g.objects(node, RML('object')).map((c) => ({ ...this.constantMap(c), joins: [] })),
    ];
    const id = name(node);
    if (predicates.length === 0) fail('predicate-object map without predicate', { ...where, termMap: id });
    if (objects.length === 0) fail('predicate-object map without object', { ...where, termMap: id });
    for (const p of predicates) {
      if (p.termType && p.termType !== 'iri') fail('a predicate map must generate IRIs', { ...where, termMap: p.id });
    }
    return { id, predicates, objects, graphs: this.graphMaps(node, where) };
  }

  private objectMap(node: Term, where: Where): ObjectMapDef {
    const parent = this.g.object(node, RML('parentTriplesMap'));
    if (parent) {
      const joins = this.g.objects(node, RML('joinCondition')).map((jc) => {
        const at = { ...where, termMap: name(jc) };
        const child = this.g.object(jc, RML('childMap'));
        const par = this.g.object(jc, RML('parentMap'));
        const childRef = this.g.object(jc, RML('child'));
        const parentRef = this.g.object(jc, RML('parent'));
        if (!(child || childRef) || !(par || parentRef)) fail('a join condition needs a child and a parent', at);
        return {
          child: child ? this.termMap(child, where) : { id: name(jc), reference: childRef!.value },
          parent: par ? this.termMap(par, where) : { id: name(jc), reference: parentRef!.value },
        };
      });
      if (parent.termType !== 'NamedNode' && parent.termType !== 'BlankNode') fail('rml:parentTriplesMap must name a triples map', where);
      return { id: name(node), parentTriplesMap: parent.value, joins };
    }
    return { ...this.termMap(node, where), joins: [] };
  }

  private constantMap(c: Term): TermMapDef {
    return { id: name(c), constant: c };
  }

  /** Any term map or expression map (constant, reference, template, function execution, gather). */
  termMap(node: Term, where: Where): TermMapDef {
    const id = name(node);
    const at = { ...where, termMap: id };
    if (node.termType === 'Literal') return { id, constant: node };
    const def: TermMapDef = { id };
    let kinds = 0;
    const constant = this.g.object(node, RML('constant'), () => fail('more than one rml:constant', at));
    if (constant) {
      def.constant = constant;
      kinds++;
    }
    const reference = this.g.object(node, RML('reference'), () => fail('more than one rml:reference', at));
    if (reference) {
      if (reference.termType !== 'Literal') fail('rml:reference must be a string', at);
      def.reference = reference.value;
      kinds++;
    }
    const template = this.g.object(node, RML('template'), () => fail('more than one rml:template', at));
    if (template) {
      if (template.termType !== 'Literal') fail('rml:template must be a string', at);
      def.template = template.value;
      kinds++;
    }
    const exec = this.g.object(node, RML('functionExecution'));
    if (exec) {
      def.execution = this.execution(exec, where);
      kinds++;
    }
    const legacyFn = this.g.object(node, LEGACY_FUNCTION_VALUE);
    if (legacyFn) {
      def.execution = this.legacyExecution(legacyFn, where);
      kinds++;
    }
    const ret = this.g.object(node, RML('return'));
    const retMap = this.g.object(node, RML('returnMap'));
    if (ret || retMap) def.returns = (ret ?? (retMap && this.g.object(retMap, RML('constant'))))?.value;
    const gather = this.g.object(node, RML('gather'));
    if (gather) {
      def.gather = this.g.list(gather).map((n) => this.objectMap(n, where));
      def.gatherAs = this.g.object(node, RML('gatherAs'))?.value;
      def.gatherStrategy = this.g.object(node, RML('strategy'))?.value === RML('cartesianProduct') ? 'cartesianProduct' : 'append';
      def.allowEmpty = this.g.object(node, RML('allowEmptyListAndContainer'))?.value === 'true';
      if (!def.gatherAs) fail('rml:gather without rml:gatherAs', at);
    }
    const condition = this.g.object(node, RML('condition'));
    if (condition) def.condition = this.termMap(condition, where);
    const termTypeNode = this.g.object(node, RML('termType'));
    if (kinds === 0 && !gather && termTypeNode?.value === RML('BlankNode')) kinds = -1;
    if (kinds > 1) fail('a term map has more than one of rml:constant, rml:reference, rml:template, rml:functionExecution', at);
    if (kinds === 0 && !gather) fail('a term map needs rml:constant, rml:reference, rml:template or rml:functionExecution', at);
    const termType = this.g.object(node, RML('termType'));
    if (termType) {
      def.termType = TERM_TYPES[termType.value];
      if (!def.termType) fail(`unknown rml:termType ${name(termType)}`, at);
    }
    const lang = this.g.object(node, RML('language'));
    const langMap = this.g.object(node, RML('languageMap'));
    if (lang) def.language = this.constantMap(lang);
    else if (langMap) def.language = this.termMap(langMap, where);
    const dt = this.g.object(node, RML('datatype'));
    const dtMap = this.g.object(node, RML('datatypeMap'));
    if (dt) {
      if (dt.termType !== 'NamedNode') fail('rml:datatype must be an IRI', at);
      def.datatype = this.constantMap(dt);
    } else if (dtMap) def.datatype = this.termMap(dtMap, where);
    if (def.language && def.datatype) fail('a term map cannot have both a language and a datatype', at);
    if ((def.language || def.datatype) && def.termType && def.termType !== 'literal') fail('language or datatype on a non-literal term map', at);
    if (def.constant?.termType === 'Literal' && (def.termType === 'iri' || def.termType === 'uri') && this.legacy) {
      // YARRRML writes IRI constants as strings with rr:termType rr:IRI.
      def.constant = namedNode(def.constant.value);
    }
    if (def.constant && def.termType) {
      const ct = def.constant.termType;
      if ((ct === 'Literal') !== (def.termType === 'literal')) fail('rml:termType contradicts the rml:constant', at);
    }
    return def;
  }

  private execution(node: Term, where: Where): FunctionExecutionDef {
    const id = name(node);
    const fnConst = this.g.object(node, RML('function'));
    const fnMap = this.g.object(node, RML('functionMap'));
    if (!fnConst && !fnMap) fail('a function execution needs rml:function', { ...where, termMap: id });
    const fn = fnConst ? this.constantMap(fnConst) : this.termMap(fnMap!, where);
    const inputs = this.g.objects(node, RML('input')).map((inp) => {
      const at = { ...where, termMap: name(inp) };
      const param = this.g.object(inp, RML('parameter')) ?? this.g.object(this.g.object(inp, RML('parameterMap')) ?? inp, RML('constant'));
      if (!param) fail('a function input needs rml:parameter', at);
      const v = this.g.object(inp, RML('inputValue'));
      const vm = this.g.object(inp, RML('inputValueMap'));
      if (!v && !vm) fail('a function input needs rml:inputValue or rml:inputValueMap', at);
      return { parameter: param.value, value: v ? this.constantMap(v) : this.termMap(vm!, where) };
    });
    return { id, fn, inputs };
  }

  /** Legacy FNML: fnml:functionValue names a pseudo triples map whose predicate-object maps are the call. */
  private legacyExecution(node: Term, where: Where): FunctionExecutionDef {
    const id = name(node);
    let fn: TermMapDef | undefined;
    const inputs: FunctionExecutionDef['inputs'] = [];
    for (const pom of this.g.objects(node, RML('predicateObjectMap'))) {
      const preds = [
        ...this.g.objects(pom, RML('predicate')),
        ...this.g.objects(pom, RML('predicateMap')).map((pm) => this.g.object(pm, RML('constant'))),
      ].filter((t): t is Term => t !== undefined);
      const objs = [
        ...this.g.objects(pom, RML('object')).map((c) => this.constantMap(c)),
        ...this.g.objects(pom, RML('objectMap')).map((om) => this.termMap(om, where)),
      ];
      for (const p of preds) {
        for (const o of objs) {
          if (p.value === FNO_EXECUTES) fn = o;
          else inputs.push({ parameter: p.value, value: o });
        }
      }
    }
    if (!fn) fail('fnml:functionValue without fno:executes', { ...where, termMap: id });
    return { id, fn, inputs };
  }
}

/** The results format a SPARQL reference formulation (or one of its types) names; CSV by default. */
function sparqlResultsOf(terms: Term[]): 'csv' | 'json' | 'xml' {
  for (const t of terms) {
    if (t.value === FORMATS('SPARQL_Results_JSON')) return 'json';
    if (t.value === FORMATS('SPARQL_Results_XML')) return 'xml';
  }
  return 'csv';
}

/** Column names a list of fields defines: each field, its index key `name.#`, and nested `name.child`. */
export function allFieldNames(fields: FieldDef[], prefix = ''): string[] {
  return fields.flatMap((f) => [`${prefix}${f.name}`, `${prefix}${f.name}.#`, ...allFieldNames(f.fields, `${prefix}${f.name}.`)]);
}

export function readRml(quads: Iterable<Quad>): MappingDef {
  return new RmlReader(quads).read();
}
