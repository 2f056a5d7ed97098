/**
 * Metis' 25 Schematron assertions (ontologies/edm/metis-schematron-rules.tsv, extracted from
 * Europeana's schematron.xsl) evaluated as XPath over the record's DOM (@xmldom/xmldom, which
 * never resolves external entities). The XSL's tests are XPath 2.0; the few 2.0 forms they use
 * are rewritten to XPath 1.0 for the `xpath` engine: exists(x) → boolean(x), a comparison with a
 * sequence literal → an or-chain, lib:isValidRightsField → a function over the accepted patterns.
 */
import { readFileSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import xpath from 'xpath';
import { projectPath } from '../../core/paths.js';
import { isAcceptedRights } from './rights-map.js';

export interface SchematronRule {
  /** e.g. M24; several assertions may share a pattern. */
  pattern: string;
  context: string;
  test: string;
  message: string;
}

export interface SchematronFailure {
  /** `schematron:M24` */
  rule: string;
  message: string;
  /** rdf:about of the nearest described resource, when there is one. */
  about?: string;
}

const NS: Record<string, string> = {
  edm: 'http://www.europeana.eu/schemas/edm/',
  dc: 'http://purl.org/dc/elements/1.1/',
  dct: 'http://purl.org/dc/terms/',
  ore: 'http://www.openarchives.org/ore/terms/',
  owl: 'http://www.w3.org/2002/07/owl#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  svcs: 'http://rdfs.org/sioc/services#',
  schema: 'https://schema.org/',
  cc: 'http://creativecommons.org/ns#',
  odrl: 'http://www.w3.org/ns/odrl/2/',
  lib: 'http://localhost.com',
};

// The two controlled lists that the TSV elides as "(...)": the XSL's own value lists.
const DIGITAL_SOURCE_TYPES = ['digitalCapture', 'dataDrivenMedia', 'digitalCreation'].map((t) => `https://cv.iptc.org/newscodes/digitalsourcetype/${t}`);
const USAGE_AREAS = ['Creativity', 'Education', 'Exhibition', 'Gaming', 'Infotainment', 'Knowledge', 'Research', 'Tourism'].map(
  (t) => `http://data.europeana.eu/vocabulary/usageArea/${t}`,
);
const anyOf = (values: string[]) => `(${values.map((v) => `@rdf:resource = '${v}'`).join(' or ')})`;

/** The rule's test as XPath 1.0. */
export function xpath1Test(rule: SchematronRule): string {
  if (rule.pattern === 'M46') return anyOf(DIGITAL_SOURCE_TYPES);
  if (rule.pattern === 'M47') return anyOf(USAGE_AREAS);
  // The XSL writes `normalize-space (x)` once; the xpath engine wants no space before the parenthesis.
  return rule.test.replace(/\bexists\(/g, 'boolean(').replace(/\b(normalize-space|boolean|not)\s+\(/g, '$1(');
}

let rulesCache: SchematronRule[] | undefined;

export function loadSchematronRules(file = projectPath('ontologies/edm/metis-schematron-rules.tsv')): SchematronRule[] {
  if (rulesCache && file === projectPath('ontologies/edm/metis-schematron-rules.tsv')) return rulesCache;
  const [header, ...lines] = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  if (!header?.startsWith('pattern_mode\tcontext\txpath_test\tmessage')) throw new Error(`${file}: unexpected header`);
  const rules = lines.map((line, i) => {
    const [pattern, context, test, message] = line.split('\t');
    if (!pattern || !context || !test || !message) throw new Error(`${file}: line ${i + 2} does not have four columns`);
    return { pattern, context, test, message };
  });
  rulesCache = rules;
  return rules;
}

// lib:isValidRightsField accepts an accepted statement, or a cc:License of the same document
// whose odrl:inheritFrom is one (as the XSL does).
function rightsFunction(licences: Map<string, string>) {
  return (name: string, namespace: string) =>
    name === 'isValidRightsField' && namespace === NS.lib
      ? (_context: unknown, arg: { toString(): string } | undefined) => {
          const uri = arg === undefined ? '' : arg.toString();
          return isAcceptedRights(uri) || isAcceptedRights(licences.get(uri));
        }
      : undefined;
}

interface XPathEvaluator {
  evaluateBoolean(options: { node: unknown; namespaces: Record<string, string>; functions?: unknown }): boolean;
}
// `parse` (compile once, evaluate with functions) exists at run time but not in xpath's typings.
const parseXPath = (xpath as unknown as { parse(expression: string): XPathEvaluator }).parse;

const compiled = new Map<string, XPathEvaluator>();

function evaluateBoolean(expression: string, node: unknown, functions: ReturnType<typeof rightsFunction>): boolean {
  let evaluator = compiled.get(expression);
  if (!evaluator) compiled.set(expression, (evaluator = parseXPath(expression)));
  return evaluator.evaluateBoolean({ node, namespaces: NS, functions });
}

function aboutOf(node: any): string | undefined {
  for (let n = node; n && n.nodeType === 1; n = n.parentNode) {
    const about = n.getAttributeNS?.(NS.rdf, 'about');
    if (about) return about;
  }
  return undefined;
}

function parse(xml: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level: string, message: string) => void (level !== 'warning' && errors.push(message)) }).parseFromString(xml, 'text/xml');
  if (errors.length > 0 || !doc.documentElement) throw new Error(`not well-formed XML: ${errors[0] ?? 'no root element'}`);
  return doc as unknown as Document;
}

/** Checks one EDM-external record; returns every failed assertion (empty = passes). */
/** Whether an element matches a Schematron rule context (`*`, `edm:WebResource`, `ore:Aggregation/edm:rights`). */
function matchesContext(element: any, steps: string[]): boolean {
  let node = element;
  for (let i = steps.length - 1; i >= 0; i--) {
    if (!node || node.nodeType !== 1) return false;
    const step = steps[i]!;
    if (step !== '*') {
      const [prefix, local] = step.split(':');
      if (node.localName !== local || node.namespaceURI !== NS[prefix!]) return false;
    }
    node = node.parentNode;
  }
  return true;
}

function elementsOf(doc: any): any[] {
  const out: any[] = [];
  const walk = (node: any) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(doc);
  return out;
}

/**
 * Checks one EDM-external record; returns every failed assertion (empty = passes). As in
 * Schematron, each rule's test is evaluated with every element its context matches as the
 * context node (matching contexts here is much faster than `//context` queries per rule).
 */
export function checkSchematron(xml: string, rules = loadSchematronRules()): SchematronFailure[] {
  let doc: Document;
  try {
    doc = parse(xml);
  } catch (error) {
    return [{ rule: 'schematron:well-formed', message: (error as Error).message }];
  }
  const elements = elementsOf(doc);
  const licences = new Map<string, string>();
  for (const licence of elements.filter((e) => matchesContext(e, ['cc:License']))) {
    const from = elements.find((e) => e.parentNode === licence && matchesContext(e, ['odrl:inheritFrom']));
    const target = from?.getAttributeNS(NS.rdf, 'resource');
    const about = licence.getAttributeNS(NS.rdf, 'about');
    if (target && about) licences.set(about, target);
  }
  const functions = rightsFunction(licences);
  const failures: SchematronFailure[] = [];
  for (const rule of rules) {
    const steps = rule.context.split('/');
    const test = `boolean(${xpath1Test(rule)})`;
    for (const element of elements) {
      if (!matchesContext(element, steps)) continue;
      let ok: boolean;
      try {
        ok = evaluateBoolean(test, element, functions);
      } catch (error) {
        // An assertion that cannot be evaluated on this record is a failure, not a pass.
        failures.push({ rule: `schematron:${rule.pattern}`, message: `${rule.message} (could not be evaluated: ${(error as Error).message.split('\n')[0]})` });
        break;
      }
      if (ok) continue;
      const about = aboutOf(element);
      const where = element.nodeName === 'rdf:RDF' ? '' : ` (${element.nodeName}${about ? ` in ${about}` : ''})`;
      failures.push({ rule: `schematron:${rule.pattern}`, message: `${rule.message}${where}`, ...(about ? { about } : {}) });
    }
  }
  return failures;
}
