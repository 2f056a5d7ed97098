/**
 * What the shapes say about a field, for reports written for people: each property shape's
 * name and description (sh:name, sh:description, rdfs:label; Dutch and English where given), its
 * constraints (min/max count, class, datatype, …) and the class whose node shape holds it. It also
 * finds the way from a record's main class to a nested node (object → productie → tijdspanne), so a
 * report can name a nested node by the shapes' names instead of a blank-node label.
 */
import { readFileSync } from 'node:fs';
import { parseRdf, type Quad } from '../core/rdf.js';
import { RDF, RDFS, SH } from '../core/vocab.js';

/** Text in Dutch and/or English; `any` holds untagged text (OSLO's shapes are Dutch, untagged). */
export interface LangText {
  nl?: string;
  en?: string;
  any?: string;
}

/** One property shape with the node shape (class) that holds it. */
export interface FieldShape {
  /** The property shape's IRI or blank-node label (only meaningful within one catalogue). */
  id: string;
  path: string;
  name: LangText;
  description: LangText;
  /** The holding node shape's class (sh:targetClass), if it names one. */
  targetClass?: string;
  /** The holding node shape's IRI. */
  nodeShape: string;
  /** Human name of the holding node shape's class (`MensgemaaktObjectShape` → `Mensgemaakt object`). */
  className: string;
  minCount?: number;
  maxCount?: number;
  class?: string;
  datatype?: string;
  nodeKind?: string;
  pattern?: string;
  in?: string[];
  node?: string;
  severity?: string;
}

/** `isToegevoegdBij` → `is toegevoegd bij`; `MensgemaaktObjectShape` → `Mensgemaakt object`. */
export function humanise(name: string): string {
  const words = name
    .replace(/Shape$/, '')
    .replace(/[._-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim();
  return words ? words[0]!.toUpperCase() + words.slice(1).toLowerCase() : name;
}

/** The local name of an IRI: after the last `#` or `/`. */
export const localName = (iri: string): string => iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);

/** The text in a language: tagged text, else untagged, else the other language's. */
export function textIn(t: LangText, lang: 'nl' | 'en'): string | undefined {
  return t[lang] ?? t.any ?? (lang === 'en' ? t.nl : t.en);
}

/** Whether the text shown for `lang` is really in `lang` (untagged OSLO text is Dutch). */
export function isTextIn(t: LangText, lang: 'nl' | 'en'): boolean {
  return t[lang] !== undefined || (lang === 'nl' && t.any !== undefined);
}

const squash = (s: string) => s.replace(/[\s_-]+/g, '').toLowerCase();

const unbracket = (path: string) => path.replace(/^<(.*)>$/, '$1');

export class ShapeCatalogue {
  private readonly byPath = new Map<string, FieldShape[]>();
  private readonly byId = new Map<string, FieldShape>();
  /** Class → its superclasses (rdfs:subClassOf, transitive, itself included). */
  private readonly supers = new Map<string, Set<string>>();
  /** Class → node shapes targeting it. */
  private readonly shapesOfClass = new Map<string, string[]>();
  /** Node shape → its property shapes. */
  private readonly propertiesOf = new Map<string, FieldShape[]>();
  /** Human class names from rdfs:label / sh:name of node shapes. */
  private readonly classLabels = new Map<string, LangText>();

  constructor(quads: Quad[]) {
    const bySubject = new Map<string, Quad[]>();
    for (const q of quads) {
      const k = q.subject.value;
      let list = bySubject.get(k);
      if (!list) bySubject.set(k, (list = []));
      list.push(q);
    }
    const values = (s: string, p: string) => (bySubject.get(s) ?? []).filter((q) => q.predicate.value === p).map((q) => q.object);
    const one = (s: string, p: string) => values(s, p)[0]?.value;
    const text = (s: string, ...ps: string[]): LangText => {
      const t: LangText = {};
      for (const p of ps)
        for (const o of values(s, p)) {
          if (o.termType !== 'Literal') continue;
          const lang = (o as { language?: string }).language?.split('-')[0];
          if (lang === 'nl' || lang === 'en') t[lang] ??= o.value;
          else if (!lang) t.any ??= o.value;
        }
      return t;
    };
    const list = (head: string | undefined): string[] => {
      const out: string[] = [];
      for (let n = head; n && n !== RDF('nil') && out.length < 500; n = one(n, RDF('rest'))) {
        const first = one(n, RDF('first'));
        if (first !== undefined) out.push(first);
      }
      return out;
    };
    for (const q of quads) {
      if (q.predicate.value !== RDFS('subClassOf')) continue;
      this.superSet(q.subject.value).add(q.object.value);
    }
    // Close the hierarchy (small: a few hundred classes).
    for (const set of this.supers.values()) {
      for (const c of [...set]) for (const s of this.supers.get(c) ?? []) set.add(s);
      for (const c of [...set]) for (const s of this.supers.get(c) ?? []) set.add(s);
    }
    for (const q of quads) {
      if (q.predicate.value !== SH('property')) continue;
      const nodeShape = q.subject.value;
      const ps = q.object.value;
      const path = one(ps, SH('path'));
      if (!path) continue;
      const targetClass = one(nodeShape, SH('targetClass')) ?? (values(nodeShape, RDF('type')).some((t) => t.value === RDFS('Class')) ? nodeShape : undefined);
      const min = one(ps, SH('minCount'));
      const max = one(ps, SH('maxCount'));
      const field: FieldShape = {
        id: ps,
        path,
        name: text(ps, SH('name'), RDFS('label')),
        description: text(ps, SH('description'), RDFS('comment')),
        targetClass,
        nodeShape,
        className: humanise(localName(nodeShape)),
        ...(min !== undefined ? { minCount: Number(min) } : {}),
        ...(max !== undefined ? { maxCount: Number(max) } : {}),
        ...(one(ps, SH('class')) ? { class: one(ps, SH('class')) } : {}),
        ...(one(ps, SH('datatype')) ? { datatype: one(ps, SH('datatype')) } : {}),
        ...(one(ps, SH('nodeKind')) ? { nodeKind: one(ps, SH('nodeKind')) } : {}),
        ...(one(ps, SH('pattern')) ? { pattern: one(ps, SH('pattern')) } : {}),
        ...(one(ps, SH('in')) ? { in: list(one(ps, SH('in'))) } : {}),
        ...(one(ps, SH('node')) ? { node: one(ps, SH('node')) } : {}),
        ...(one(ps, SH('severity')) ? { severity: one(ps, SH('severity')) } : {}),
      };
      push(this.byPath, path, field);
      this.byId.set(ps, field);
      push(this.propertiesOf, nodeShape, field);
      if (targetClass) {
        if (!(this.shapesOfClass.get(targetClass) ?? []).includes(nodeShape)) push(this.shapesOfClass, targetClass, nodeShape);
        const label = text(nodeShape, SH('name'), RDFS('label'));
        if (label.nl ?? label.en ?? label.any) this.classLabels.set(targetClass, label);
      }
    }
  }

  static fromFiles(files: string[]): ShapeCatalogue {
    const quads: Quad[] = [];
    for (const file of files) {
      try {
        quads.push(...parseRdf(readFileSync(file, 'utf8'), { format: /\.(nt|nq)$/.test(file) ? 'N-Quads' : 'Turtle' }));
      } catch (error) {
        throw new Error(`Shapes file ${file} could not be read for the report: ${(error as Error).message}`, { cause: error });
      }
    }
    return new ShapeCatalogue(quads);
  }

  private superSet(c: string): Set<string> {
    let s = this.supers.get(c);
    if (!s) this.supers.set(c, (s = new Set([c])));
    return s;
  }

  /** Every property shape on a path (`<iri>` or bare IRI). */
  fieldsOn(path: string | undefined): FieldShape[] {
    return path ? (this.byPath.get(unbracket(path)) ?? []) : [];
  }

  /** The property shape with this IRI or blank-node label (`_:n3-12` or `n3-12`). */
  field(id: string): FieldShape | undefined {
    return this.byId.get(id.replace(/^_:/, ''));
  }

  /** A class's human name: its node shape's name, else the local name of the class. */
  className(cls: string): LangText {
    const label = this.classLabels.get(cls);
    if (label) return label;
    const shape = this.shapesOfClass.get(cls)?.[0];
    return { any: shape ? humanise(localName(shape)) : humanise(localName(cls)) };
  }

  /** The property shapes a node of class `cls` must meet (its node shapes and its superclasses'). */
  private propertiesOfClass(cls: string): FieldShape[] {
    const out: FieldShape[] = [];
    for (const c of this.supers.get(cls) ?? [cls]) for (const ns of this.shapesOfClass.get(c) ?? []) out.push(...(this.propertiesOf.get(ns) ?? []));
    return out;
  }

  /** Whether a node of class `cls` is held to the node shape `nodeShape`. */
  private appliesTo(cls: string, nodeShape: string): boolean {
    for (const c of this.supers.get(cls) ?? [cls]) if ((this.shapesOfClass.get(c) ?? []).includes(nodeShape)) return true;
    return false;
  }

  /**
   * The way from a record's main class to a node held to `nodeShape`: the property shapes to follow
   * (breadth-first over sh:class links, with the class hierarchy). Of several shortest ways, the one
   * whose last step is named as in `prefer` (the focus node's `#productie`, the rule's name) wins;
   * without such a hint the way is `ambiguous` (a report then names the node by its class).
   * `way` is [] when the main class itself is held to the shape; undefined when no way is known.
   */
  wayTo(rootClasses: string[], nodeShape: string, prefer: string[] = []): { way: FieldShape[]; ambiguous: boolean } | undefined {
    const wanted = prefer.map(squash).filter(Boolean);
    let frontier: { cls: string; way: FieldShape[] }[] = rootClasses.map((cls) => ({ cls, way: [] }));
    const seen = new Set(rootClasses);
    for (let depth = 0; depth <= 4 && frontier.length; depth++) {
      const found = frontier.filter((f) => this.appliesTo(f.cls, nodeShape));
      if (found.length) {
        const preferred = found.find((f) => f.way.length && wanted.includes(squash(textIn(f.way.at(-1)!.name, 'nl') ?? '')));
        if (preferred) return { way: preferred.way, ambiguous: false };
        const lastSteps = new Set(found.map((f) => f.way.at(-1)?.id ?? ''));
        return { way: found[0]!.way, ambiguous: lastSteps.size > 1 };
      }
      const next: { cls: string; way: FieldShape[] }[] = [];
      const added = new Set<string>();
      for (const { cls, way } of frontier) {
        for (const f of this.propertiesOfClass(cls)) {
          if (!f.class || seen.has(f.class)) continue;
          // Every way of this depth to a class is kept (not only the first), so a hint can choose.
          const key = `${f.class} ${f.id}`;
          if (added.has(key)) continue;
          added.add(key);
          next.push({ cls: f.class, way: [...way, f] });
        }
      }
      for (const n of next) seen.add(n.cls);
      frontier = next;
    }
    return undefined;
  }

  /** The mandatory fields (sh:minCount ≥ 1) of a node of these classes, one per path. */
  mandatoryFieldsOf(classes: string[]): FieldShape[] {
    const byPath = new Map<string, FieldShape>();
    for (const cls of classes) for (const f of this.propertiesOfClass(cls)) if ((f.minCount ?? 0) >= 1 && !byPath.has(f.path)) byPath.set(f.path, f);
    return [...byPath.values()];
  }

  /**
   * The recommended fields of these classes: property shapes without `sh:minCount ≥ 1` (the OSLO
   * shapes mark no severity or "aanbevolen", so every field the profile names but does not demand
   * is one a complete record fills). A path that is mandatory in any of the classes is left out.
   */
  recommendedFieldsOf(classes: string[]): FieldShape[] {
    const mandatory = new Set(this.mandatoryFieldsOf(classes).map((f) => f.path));
    const byPath = new Map<string, FieldShape>();
    for (const cls of classes) for (const f of this.propertiesOfClass(cls)) if (!mandatory.has(f.path) && (f.minCount ?? 0) < 1 && !byPath.has(f.path)) byPath.set(f.path, f);
    return [...byPath.values()];
  }

  /** Whether a node shape targets this very class (not only a superclass). */
  hasOwnShape(cls: string): boolean {
    return this.shapesOfClass.has(cls);
  }

  /** Classes with node shapes: the ones a report can start a way from. */
  knowsClass(cls: string): boolean {
    return [...(this.supers.get(cls) ?? [cls])].some((c) => this.shapesOfClass.has(c));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  list.push(value);
}
