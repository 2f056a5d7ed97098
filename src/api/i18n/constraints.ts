/**
 * What each SHACL Core constraint means for the person who has to fix the record, in plain
 * Dutch and English (shown next to the constraint's technical name in reports).
 */
import type { Lang } from './lang.js';

const EXPLAIN: Record<string, { en: string; nl: string }> = {
  MinCount: { en: 'A required field is missing (or has too few values).', nl: 'Een verplicht veld ontbreekt (of heeft te weinig waarden).' },
  MaxCount: { en: 'A field has more values than allowed.', nl: 'Een veld heeft meer waarden dan toegelaten.' },
  Class: { en: 'A link points to something of the wrong kind (or of no stated kind).', nl: 'Een verwijzing wijst naar iets van de verkeerde soort (of zonder opgegeven soort).' },
  Datatype: { en: 'A value has the wrong type (e.g. text where a date or number is expected).', nl: 'Een waarde heeft het verkeerde type (bv. tekst waar een datum of getal verwacht wordt).' },
  NodeKind: { en: 'A value should be a link (IRI) but is text, or the other way round.', nl: 'Een waarde moet een verwijzing (IRI) zijn maar is tekst, of omgekeerd.' },
  Pattern: { en: 'A value does not have the required form.', nl: 'Een waarde heeft niet de vereiste vorm.' },
  In: { en: 'A value is not one of the allowed values.', nl: 'Een waarde hoort niet bij de toegelaten waarden.' },
  HasValue: { en: 'A required fixed value is missing.', nl: 'Een vereiste vaste waarde ontbreekt.' },
  MinLength: { en: 'A value is too short.', nl: 'Een waarde is te kort.' },
  MaxLength: { en: 'A value is too long.', nl: 'Een waarde is te lang.' },
  LanguageIn: { en: 'A text has a language that is not allowed.', nl: 'Een tekst heeft een taal die niet toegelaten is.' },
  UniqueLang: { en: 'A field has more than one text in the same language.', nl: 'Een veld heeft meer dan één tekst in dezelfde taal.' },
  MinInclusive: { en: 'A value is below the minimum.', nl: 'Een waarde ligt onder het minimum.' },
  MinExclusive: { en: 'A value is below the minimum.', nl: 'Een waarde ligt onder het minimum.' },
  MaxInclusive: { en: 'A value is above the maximum.', nl: 'Een waarde ligt boven het maximum.' },
  MaxExclusive: { en: 'A value is above the maximum.', nl: 'Een waarde ligt boven het maximum.' },
  Node: { en: 'A linked description does not meet its own requirements.', nl: 'Een gekoppelde beschrijving voldoet zelf niet aan haar vereisten.' },
  Or: { en: 'A value meets none of the allowed alternatives.', nl: 'Een waarde voldoet aan geen enkel toegelaten alternatief.' },
  Xone: { en: 'A value must meet exactly one of the alternatives.', nl: 'Een waarde moet aan precies één alternatief voldoen.' },
  And: { en: 'A value does not meet all of the combined requirements.', nl: 'Een waarde voldoet niet aan alle gecombineerde vereisten.' },
  Not: { en: 'A value has a form that is not allowed.', nl: 'Een waarde heeft een vorm die niet toegelaten is.' },
  Closed: { en: 'The record uses a field the profile does not allow.', nl: 'Het record gebruikt een veld dat het profiel niet toelaat.' },
  QualifiedMinCount: { en: 'Too few values of the required kind.', nl: 'Te weinig waarden van de vereiste soort.' },
  QualifiedMaxCount: { en: 'Too many values of a given kind.', nl: 'Te veel waarden van een bepaalde soort.' },
  Equals: { en: 'Two fields should have the same values.', nl: 'Twee velden moeten dezelfde waarden hebben.' },
  Disjoint: { en: 'Two fields should not share values.', nl: 'Twee velden mogen geen waarden delen.' },
  LessThan: { en: 'A value should be smaller than another field’s (e.g. start before end).', nl: 'Een waarde moet kleiner zijn dan die van een ander veld (bv. begin voor einde).' },
  LessThanOrEquals: { en: 'A value should not exceed another field’s.', nl: 'Een waarde mag die van een ander veld niet overschrijden.' },
  Sparql: { en: 'A rule of the profile written as a query is not met.', nl: 'Een regel van het profiel (als query) is niet voldaan.' },
};

/** The plain-language meaning of a constraint component (full IRI or `sh:` name), if known. */
export function explainConstraint(constraint: string | undefined, lang: Lang): string | undefined {
  const name = /(?:#|sh:)(\w+?)ConstraintComponent$/.exec(constraint ?? '')?.[1];
  return name ? EXPLAIN[name]?.[lang] : undefined;
}
