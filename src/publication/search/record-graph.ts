/**
 * One record graph, indexed by subject for the document extractors: values of a property, labels
 * in preferred languages, and the IRIs that name the same thing (owl:sameAs, linked.art
 * equivalent), so extraction reads like the data model rather than like quad filtering.
 */
import type { Quad, Term } from '../../core/rdf.js';
import { OWL, RDFS, SCHEMA, SKOS } from '../../core/vocab.js';
import type { LangText, Ref } from './search-document.js';

const LA_EQUIVALENT = 'https://linked.art/ns/terms/equivalent';
const LABELS = [SKOS('prefLabel'), RDFS('label'), SCHEMA('name'), 'http://www.w3.org/ns/locn#locatorName', SKOS('altLabel')];

export class RecordGraph {
  private readonly bySubject = new Map<string, Map<string, Term[]>>();

  constructor(quads: Iterable<Quad>) {
    for (const q of quads) {
      let props = this.bySubject.get(q.subject.value);
      if (!props) this.bySubject.set(q.subject.value, (props = new Map()));
      const list = props.get(q.predicate.value);
      if (list) list.push(q.object);
      else props.set(q.predicate.value, [q.object]);
    }
  }

  has(subject: string): boolean {
    return this.bySubject.has(subject);
  }

  /** Objects of `subject` for any of the predicates. */
  objects(subject: string, ...predicates: string[]): Term[] {
    const props = this.bySubject.get(subject);
    if (!props) return [];
    if (predicates.length === 1) return props.get(predicates[0]!) ?? [];
    return predicates.flatMap((p) => props.get(p) ?? []);
  }

  /** Node objects (IRIs and blank nodes) of `subject`, by value. */
  nodes(subject: string, ...predicates: string[]): string[] {
    return this.objects(subject, ...predicates).filter((t) => t.termType !== 'Literal').map((t) => t.value);
  }

  /** Literal objects, with their language ('und' without one). */
  texts(subject: string, ...predicates: string[]): LangText[] {
    return this.objects(subject, ...predicates)
      .filter((t) => t.termType === 'Literal')
      .map((t) => ({ lang: ((t as { language?: string }).language || 'und').toLowerCase(), text: t.value }));
  }

  first(subject: string, ...predicates: string[]): string | undefined {
    return this.objects(subject, ...predicates)[0]?.value;
  }

  /** Other IRIs of a node (owl:sameAs, linked.art equivalent), one hop. */
  aliases(subject: string): string[] {
    return this.nodes(subject, OWL('sameAs'), LA_EQUIVALENT);
  }

  /** Labels of a node (or of its equivalents) by language. */
  labels(subject: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const s of [subject, ...this.aliases(subject)])
      for (const p of LABELS) for (const t of this.texts(s, p)) if (out[t.lang] === undefined && t.text.trim() !== '') out[t.lang] = t.text.trim();
    return out;
  }

  /**
   * A node as a reference. A record-local node (blank, or a fragment of the record's subject)
   * that points at a shared IRI by equivalence is referred to by that IRI (the canonical agent,
   * place or concept), keeping the other names as aliases.
   */
  ref(node: string, isLocal: (iri: string) => boolean = () => false): Ref {
    const aliases = this.aliases(node);
    let id = node;
    if (isLocal(node) || !/^https?:/.test(node)) {
      const shared = aliases.find((a) => /^https?:/.test(a) && !isLocal(a));
      if (shared) id = shared;
    }
    const all = new Set([node, ...aliases, ...aliases.flatMap((a) => this.aliases(a))]);
    all.delete(id);
    const labels = this.labels(node);
    if (id !== node) Object.assign(labels, { ...this.labels(id), ...labels });
    return { id, label: pickLabel(labels), labels, aliases: [...all] };
  }
}

/** The label to show by default: Dutch, then English, French, German, then any. */
export function pickLabel(labels: Record<string, string>, languages: string[] = ['nl', 'en', 'fr', 'de', 'und']): string | undefined {
  for (const l of languages) if (labels[l] !== undefined) return labels[l];
  return Object.values(labels)[0];
}
