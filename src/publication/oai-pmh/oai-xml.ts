/** The OAI-PMH 2.0 response envelope, headers and errors. */
import { escapeAttribute, escapeText } from '../edm/xml-text.js';
import { toDatestamp } from './oai-dates.js';

export const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';
export const OAI_SCHEMA = 'http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd';

export type OaiErrorCode =
  | 'badArgument'
  | 'badResumptionToken'
  | 'badVerb'
  | 'cannotDisseminateFormat'
  | 'idDoesNotExist'
  | 'noRecordsMatch'
  | 'noMetadataFormats'
  | 'noSetHierarchy';

export interface OaiError {
  code: OaiErrorCode;
  message: string;
}

/**
 * The whole response. `request` holds the arguments to echo; null for badVerb/badArgument,
 * where the spec wants the bare base URL.
 */
export function envelope(now: number, baseUrl: string, request: Record<string, string> | null, inner: string): string {
  const attrs = request
    ? Object.entries(request)
        .map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`)
        .join('')
    : '';
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<OAI-PMH xmlns="${OAI_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${OAI_NS} ${OAI_SCHEMA}">\n` +
    `<responseDate>${toDatestamp(now)}</responseDate>\n` +
    `<request${attrs}>${escapeText(baseUrl)}</request>\n` +
    `${inner}\n</OAI-PMH>\n`
  );
}

export function errorsXml(errors: OaiError[]): string {
  return errors.map((e) => `<error code="${e.code}">${escapeText(e.message)}</error>`).join('\n');
}

export function headerXml(h: { identifier: string; datestamp: string; setSpecs: string[]; deleted: boolean }): string {
  return (
    `<header${h.deleted ? ' status="deleted"' : ''}><identifier>${escapeText(h.identifier)}</identifier>` +
    `<datestamp>${escapeText(h.datestamp)}</datestamp>${h.setSpecs.map((s) => `<setSpec>${escapeText(s)}</setSpec>`).join('')}</header>`
  );
}

export function resumptionTokenXml(token: string, attrs: { completeListSize: number; cursor: number; expirationDate?: number }): string {
  const expiry = attrs.expirationDate === undefined ? '' : ` expirationDate="${toDatestamp(attrs.expirationDate)}"`;
  return `<resumptionToken${expiry} completeListSize="${attrs.completeListSize}" cursor="${attrs.cursor}">${escapeText(token)}</resumptionToken>`;
}
