/**
 * The fix for a cause in plain words, per kind of constraint (min count, datatype, class, …), in
 * Dutch and English: what is wrong with the field, which field of the organisation's system feeds
 * it, what was found and what is expected. No engine vocabulary in the text; technical IRIs are
 * for the page to show beside it.
 */
import { localName } from './shape-catalogue.js';

export type ReportLang = 'nl' | 'en';

/** What a fix sentence is about; every part is optional except the kind. */
export interface FixFacts {
  /** Constraint kind: `MinCount`, `Datatype`, … (the component's local name without ConstraintComponent). */
  kind: string;
  /** The field's human name (`tijdspanne`) and where it sits (`Mensgemaakt object › productie`). */
  field: string;
  where?: string;
  /** Source fields that feed it, as the organisation knows them. */
  sourceFields: string[];
  /** The value found, shown as text (no blank-node label). */
  found?: string;
  minCount?: number;
  maxCount?: number;
  /** Expected class or datatype, already in human words. */
  expectedClass?: string;
  datatype?: string;
  pattern?: string;
  allowed?: string[];
  nodeKind?: string;
}

/** The component's short name: `http://www.w3.org/ns/shacl#MinCountConstraintComponent` → `MinCount`. */
export function constraintKind(iri: string | undefined): string {
  return localName(iri ?? '').replace(/ConstraintComponent$/, '') || 'Other';
}

const DATATYPES: Record<string, { en: string; nl: string }> = {
  string: { en: 'text', nl: 'tekst' },
  langString: { en: 'text with a language tag (e.g. "@nl")', nl: 'tekst met een taalcode (bv. "@nl")' },
  date: { en: 'a date (YYYY-MM-DD)', nl: 'een datum (JJJJ-MM-DD)' },
  dateTime: { en: 'a date and time (YYYY-MM-DDThh:mm:ss)', nl: 'een datum en tijd (JJJJ-MM-DDTuu:mm:ss)' },
  gYear: { en: 'a year (YYYY)', nl: 'een jaartal (JJJJ)' },
  integer: { en: 'a whole number', nl: 'een geheel getal' },
  decimal: { en: 'a number', nl: 'een getal' },
  double: { en: 'a number', nl: 'een getal' },
  boolean: { en: 'true or false', nl: 'waar of onwaar (true/false)' },
  anyURI: { en: 'a web address (URI)', nl: 'een webadres (URI)' },
  EDTF: { en: 'a date in EDTF (e.g. 1888, 1888-05, 1601/1620)', nl: 'een datum in EDTF (bv. 1888, 1888-05, 1601/1620)' },
};

/** A datatype IRI in plain words. */
export function datatypeWords(iri: string | undefined, lang: ReportLang): string {
  if (!iri) return '';
  const d = DATATYPES[localName(iri)];
  return d ? d[lang] : localName(iri);
}

const NODE_KINDS: Record<string, { en: string; nl: string }> = {
  IRI: { en: 'a link (IRI)', nl: 'een link (IRI)' },
  Literal: { en: 'a text or value, not a link', nl: 'een tekst of waarde, geen link' },
  BlankNode: { en: 'a nested description', nl: 'een geneste beschrijving' },
  BlankNodeOrIRI: { en: 'a link or a nested description', nl: 'een link of een geneste beschrijving' },
  IRIOrLiteral: { en: 'a link or a value', nl: 'een link of een waarde' },
  BlankNodeOrLiteral: { en: 'a nested description or a value', nl: 'een geneste beschrijving of een waarde' },
};

const q = (s: string) => `“${s}”`;

/** Where the fix goes: "Fill LIDO field X" or "no field of your system feeds it yet". */
function feed(f: FixFacts, lang: ReportLang): string {
  if (f.sourceFields.length === 0) {
    return lang === 'nl'
      ? 'Geen veld van uw systeem vult dit via de huidige mapping: vraag de beheerder van de hub om de mapping aan te vullen, of geef het veld mee in uw export.'
      : 'No field of your system fills this through the current mapping: ask the hub’s maintainer to extend the mapping, or add the field to your export.';
  }
  const fields = f.sourceFields.slice(0, 3).map(q).join(lang === 'nl' ? ' of ' : ' or ');
  return lang === 'nl' ? `In uw systeem komt dit uit ${fields}.` : `In your system this comes from ${fields}.`;
}

/** The fix in plain words for one cause. */
export function fixText(f: FixFacts, lang: ReportLang): string {
  const field = q(f.field);
  const at = f.where ? (lang === 'nl' ? ` (bij ${f.where})` : ` (at ${f.where})`) : '';
  const found = f.found !== undefined ? (lang === 'nl' ? ` Gevonden: ${q(f.found)}.` : ` Found: ${q(f.found)}.`) : '';
  const nl = lang === 'nl';
  let what: string;
  switch (f.kind) {
    case 'MinCount':
      what =
        (f.minCount ?? 1) <= 1
          ? nl
            ? `Het verplichte veld ${field}${at} ontbreekt. Vul het in.`
            : `The required field ${field}${at} is missing. Fill it in.`
          : nl
            ? `Het veld ${field}${at} heeft minstens ${f.minCount} waarden nodig.`
            : `The field ${field}${at} needs at least ${f.minCount} values.`;
      break;
    case 'MaxCount':
      what = nl
        ? `Het veld ${field}${at} mag hoogstens ${f.maxCount ?? 1} waarde(n) hebben. Houd er één over (of zet de andere in een ander veld).`
        : `The field ${field}${at} may have at most ${f.maxCount ?? 1} value(s). Keep one (or move the others to another field).`;
      break;
    case 'Datatype': {
      const expected = datatypeWords(f.datatype, lang);
      what = nl ? `De waarde van ${field}${at} moet ${expected} zijn.` : `The value of ${field}${at} must be ${expected}.`;
      break;
    }
    case 'Class':
      what = f.expectedClass
        ? nl
          ? `${field}${at} moet verwijzen naar een ${q(f.expectedClass)}, beschreven in het record (met zijn soort).`
          : `${field}${at} must point to a ${q(f.expectedClass)}, described in the record (with its kind).`
        : nl
          ? `${field}${at} verwijst naar iets van de verkeerde soort.`
          : `${field}${at} points to something of the wrong kind.`;
      break;
    case 'Pattern':
      what = nl ? `De waarde van ${field}${at} heeft niet de vereiste vorm (${f.pattern ?? '?'}).` : `The value of ${field}${at} does not have the required form (${f.pattern ?? '?'}).`;
      break;
    case 'In': {
      const allowed = (f.allowed ?? []).slice(0, 8).map((a) => q(localName(a) || a)).join(', ');
      what = nl ? `De waarde van ${field}${at} moet een van de toegelaten waarden zijn: ${allowed}.` : `The value of ${field}${at} must be one of the allowed values: ${allowed}.`;
      break;
    }
    case 'NodeKind': {
      const kind = NODE_KINDS[localName(f.nodeKind ?? '')]?.[lang] ?? localName(f.nodeKind ?? '');
      what = nl ? `De waarde van ${field}${at} moet ${kind} zijn.` : `The value of ${field}${at} must be ${kind}.`;
      break;
    }
    case 'MinLength':
    case 'MaxLength':
      what = nl ? `De waarde van ${field}${at} is te ${f.kind === 'MinLength' ? 'kort' : 'lang'}.` : `The value of ${field}${at} is too ${f.kind === 'MinLength' ? 'short' : 'long'}.`;
      break;
    case 'LanguageIn':
    case 'UniqueLang':
      what = nl ? `Controleer de taal van de teksten in ${field}${at} (één tekst per taal, een toegelaten taal).` : `Check the language of the texts in ${field}${at} (one text per language, an allowed language).`;
      break;
    case 'Node':
      what = nl ? `De beschrijving in ${field}${at} voldoet zelf niet aan haar vereisten.` : `The description in ${field}${at} does not meet its own requirements.`;
      break;
    default:
      what = nl ? `${field}${at} voldoet niet aan de regel van het profiel.` : `${field}${at} does not meet the profile’s rule.`;
  }
  return `${what}${found} ${feed(f, lang)}`;
}
