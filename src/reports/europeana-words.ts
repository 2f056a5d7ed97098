/**
 * Why a record is withheld from Europeana, in plain Dutch and English, per rule of the EDM check
 * (src/publication/edm: rights, the EDM XML schema, Europeana's Schematron rules M1–M24).
 */
import type { ReportLang } from './fix-text.js';

const WORDS: Record<string, { en: string; nl: string }> = {
  'schematron:M18': {
    en: 'Europeana needs a link to the object on your website (edm:isShownAt) or to a media file (edm:isShownBy); the record gives neither. Add the object’s web page or an image link to your export.',
    nl: 'Europeana heeft een link naar het object op uw website (edm:isShownAt) of naar een mediabestand (edm:isShownBy) nodig; het record geeft geen van beide. Voeg de webpagina van het object of een link naar een afbeelding toe aan uw export.',
  },
  'rights:missing': {
    en: 'The record states no rights and the source declares none: state the rights (a rightsstatements.org or Creative Commons statement) per record, or one for the whole source.',
    nl: 'Het record vermeldt geen rechten en de bron verklaart er geen: vermeld de rechten (een verklaring van rightsstatements.org of Creative Commons) per record, of één voor de hele bron.',
  },
  'rights:not-accepted': {
    en: 'The rights statement is not one Europeana accepts: use a rightsstatements.org or Creative Commons statement.',
    nl: 'Europeana aanvaardt deze rechtenverklaring niet: gebruik een verklaring van rightsstatements.org of Creative Commons.',
  },
  'rights:unmapped': {
    en: 'The rights are given as a label the hub cannot translate into a statement Europeana accepts: use a rightsstatements.org or Creative Commons link.',
    nl: 'De rechten staan er als een omschrijving die de hub niet kan vertalen naar een verklaring die Europeana aanvaardt: gebruik een link van rightsstatements.org of Creative Commons.',
  },
  'rights:ambiguous': {
    en: 'The record gives several different rights statements: keep one.',
    nl: 'Het record geeft verschillende rechtenverklaringen: houd er één over.',
  },
  'xsd:EDM': {
    en: 'The record does not make valid EDM (Europeana’s format); the detail names the element.',
    nl: 'Het record levert geen geldige EDM op (het formaat van Europeana); de details noemen het element.',
  },
  'mapping:error': {
    en: 'The record could not be converted to EDM.',
    nl: 'Het record kon niet naar EDM omgezet worden.',
  },
};

/** The rule in plain words; an unknown rule is named as such. */
export function europeanaRuleWords(rule: string, lang: ReportLang): string {
  const known = WORDS[rule];
  if (known) return known[lang];
  return lang === 'nl' ? `Een regel van Europeana (${rule}) is niet voldaan.` : `A Europeana rule (${rule}) is not met.`;
}
