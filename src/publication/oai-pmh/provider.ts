/**
 * OAI-PMH 2.0 data provider over the hub's heritage records, independent of HTTP: arguments in,
 * status/content type/body out (src/api/routes/oai.ts serves it at /oai, GET and POST).
 *
 * - metadataPrefix `edm` (EDM-external, what Metis harvests) and `oai_dc`;
 * - sets `org:{slug}` per holding organisation and `source:{id}` per source;
 * - datestamp = when the hub published the version (prov:generatedAtTime) or deleted it;
 *   granularity seconds, `from`/`until` also accepted as days;
 * - deletes from the tombstone graphs, kept for ever (deletedRecord=persistent);
 * - records failing EDM validation are left out of `edm` (still in `oai_dc`), see edmConformance;
 * - resumption tokens are signed and stateless (resumption-token.ts), positioned by
 *   (change time, graph) so that records changing mid-harvest are neither skipped nor repeated.
 */
import { recordGraphIri } from '../../core/identifiers.js';
import type { StoreReader } from '../../store/store.js';
import { EdmRecordBuilder, type EdmRecord } from '../edm/edm-record.js';
import { listHeritageRecords, type HeritageRecord } from '../edm/heritage-records.js';
import { inSet, listSets, setSpecsOf } from '../edm/record-sets.js';
import type { RightsMap } from '../edm/rights-map.js';
import { escapeText } from '../edm/xml-text.js';
import { OAI_DC_NS, OAI_DC_SCHEMA } from '../edm/edm-to-dc.js';
import { parseOaiDate, toDatestamp, toSeconds } from './oai-dates.js';
import { oaiIdentifier, parseOaiIdentifier, repositoryIdentifier } from './oai-identifiers.js';
import { envelope, errorsXml, headerXml, resumptionTokenXml, type OaiError, type OaiErrorCode } from './oai-xml.js';
import { DEFAULT_TOKEN_TTL_SECONDS, decodeToken, encodeToken, type TokenState } from './resumption-token.js';

export interface OaiProviderDeps {
  store: StoreReader;
  /** Public URL of the endpoint, e.g. http://localhost:3000/oai (Identify baseURL, `<request>`). */
  baseUrl: string;
  /** The hub's base IRI (hub.baseIri); its host names the repository in OAI identifiers. */
  baseIri: string;
  /** @defaultValue 'Culture LOD Hub' */
  repositoryName?: string;
  /** At least one; @defaultValue ['admin@example.org'] */
  adminEmail?: string[];
  /** edm:provider (hub.aggregator). @defaultValue the repository name */
  aggregator?: string;
  /** Source names and organisations from the config, for set names and tombstones without one. */
  sources?: { id: string; name?: string; organisation?: string }[];
  /** Signs resumption tokens; without it tokens are valid only until the process restarts. */
  tokenSecret?: string;
  /** @defaultValue 86400 (24 h) */
  tokenTtlSeconds?: number;
  /** Headers/records per page. @defaultValue 100 for ListIdentifiers, 50 for ListRecords */
  pageSize?: number;
  rightsMap?: RightsMap;
  /** Share one builder (and its cache of validated records) across requests. */
  builder?: EdmRecordBuilder;
  /** Clock, epoch ms (tests). */
  now?: () => number;
}

export interface OaiResponse {
  status: number;
  contentType: string;
  body: string;
}

/** Request arguments; an array means the argument was repeated. */
export type OaiParams = Record<string, string | string[] | undefined>;

const VERBS = ['Identify', 'ListMetadataFormats', 'ListSets', 'ListIdentifiers', 'ListRecords', 'GetRecord'] as const;
type Verb = (typeof VERBS)[number];

const ARGUMENTS: Record<Verb, { required: string[]; optional: string[]; exclusive?: string }> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
};

const FORMATS = {
  edm: {
    schema: 'http://www.europeana.eu/schemas/edm/EDM.xsd',
    namespace: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  },
  oai_dc: { schema: OAI_DC_SCHEMA, namespace: OAI_DC_NS },
} as const;
type Prefix = keyof typeof FORMATS;
const isPrefix = (p: string): p is Prefix => Object.hasOwn(FORMATS, p);

const builders = new WeakMap<StoreReader, Map<string, EdmRecordBuilder>>();

function builderFor(deps: OaiProviderDeps): EdmRecordBuilder {
  if (deps.builder) return deps.builder;
  const provider = deps.aggregator ?? deps.repositoryName ?? 'Culture LOD Hub';
  let perStore = builders.get(deps.store);
  if (!perStore) builders.set(deps.store, (perStore = new Map()));
  let builder = perStore.get(provider);
  if (!builder) perStore.set(provider, (builder = new EdmRecordBuilder(deps.store, { provider, rightsMap: deps.rightsMap })));
  return builder;
}

class OaiFailure extends Error {
  constructor(
    readonly errors: OaiError[],
    /** Echo the arguments in `<request>` (not for badVerb/badArgument). */
    readonly echo: boolean,
  ) {
    super(errors.map((e) => e.message).join('; '));
  }
}

const fail = (code: OaiErrorCode, message: string): never => {
  throw new OaiFailure([{ code, message }], code !== 'badVerb' && code !== 'badArgument');
};

export async function handleOaiRequest(params: OaiParams, deps: OaiProviderDeps): Promise<OaiResponse> {
  const now = deps.now?.() ?? Date.now();
  const present = Object.entries(params).filter(([, v]) => v !== undefined) as [string, string | string[]][];
  const echo: Record<string, string> = {};
  for (const [k, v] of present) if (typeof v === 'string') echo[k] = v;
  try {
    const verb = checkArguments(present);
    const body = await new OaiRequest(deps, now, echo).run(verb);
    return respond(envelope(now, deps.baseUrl, echo, body));
  } catch (error) {
    if (!(error instanceof OaiFailure)) throw error;
    return respond(envelope(now, deps.baseUrl, error.echo ? echo : null, errorsXml(error.errors)));
  }
}

function respond(body: string): OaiResponse {
  return { status: 200, contentType: 'text/xml; charset=utf-8', body };
}

function checkArguments(present: [string, string | string[]][]): Verb {
  const verbValue = present.find(([k]) => k === 'verb')?.[1];
  if (verbValue === undefined) fail('badVerb', 'the verb argument is missing');
  if (Array.isArray(verbValue)) fail('badVerb', 'the verb argument is repeated');
  if (!(VERBS as readonly string[]).includes(verbValue as string)) fail('badVerb', `"${verbValue}" is not an OAI-PMH verb`);
  const verb = verbValue as Verb;
  const spec = ARGUMENTS[verb];
  const errors: OaiError[] = [];
  const names = present.map(([k]) => k).filter((k) => k !== 'verb');
  for (const [k, v] of present) {
    if (Array.isArray(v)) errors.push({ code: 'badArgument', message: `the argument ${k} is repeated` });
    else if (v === '') errors.push({ code: 'badArgument', message: `the argument ${k} is empty` });
  }
  const legal = new Set([...spec.required, ...spec.optional, ...(spec.exclusive ? [spec.exclusive] : [])]);
  for (const k of names) if (!legal.has(k)) errors.push({ code: 'badArgument', message: `${k} is not an argument of ${verb}` });
  if (spec.exclusive && names.includes(spec.exclusive)) {
    const others = names.filter((k) => k !== spec.exclusive && legal.has(k));
    if (others.length > 0) errors.push({ code: 'badArgument', message: `${spec.exclusive} is an exclusive argument; ${others.join(', ')} may not come with it` });
  } else {
    for (const k of spec.required) if (!names.includes(k)) errors.push({ code: 'badArgument', message: `${verb} needs the argument ${k}` });
  }
  if (errors.length > 0) throw new OaiFailure(errors, false);
  return verb;
}

class OaiRequest {
  private readonly repository: string;
  private readonly organisations: Record<string, string | undefined>;

  constructor(
    private readonly deps: OaiProviderDeps,
    private readonly now: number,
    private readonly args: Record<string, string>,
  ) {
    this.repository = repositoryIdentifier(deps.baseIri);
    this.organisations = Object.fromEntries((deps.sources ?? []).map((s) => [s.id, s.organisation]));
  }

  run(verb: Verb): Promise<string> {
    switch (verb) {
      case 'Identify':
        return this.identify();
      case 'ListMetadataFormats':
        return this.listMetadataFormats();
      case 'ListSets':
        return this.listSets();
      case 'GetRecord':
        return this.getRecord();
      case 'ListIdentifiers':
      case 'ListRecords':
        return this.list(verb);
    }
  }

  private records(graph?: string): Promise<HeritageRecord[]> {
    return listHeritageRecords(this.deps.store, { organisations: this.organisations, ...(graph ? { graph } : {}) });
  }

  private async identify(): Promise<string> {
    const all = await this.records();
    const earliest = all.length > 0 ? Math.min(...all.map((r) => Date.parse(r.changed))) : 0;
    const emails = this.deps.adminEmail?.length ? this.deps.adminEmail : ['admin@example.org'];
    return (
      `<Identify><repositoryName>${escapeText(this.deps.repositoryName ?? 'Culture LOD Hub')}</repositoryName>` +
      `<baseURL>${escapeText(this.deps.baseUrl)}</baseURL><protocolVersion>2.0</protocolVersion>` +
      emails.map((e) => `<adminEmail>${escapeText(e)}</adminEmail>`).join('') +
      `<earliestDatestamp>${toDatestamp(earliest)}</earliestDatestamp><deletedRecord>persistent</deletedRecord>` +
      `<granularity>YYYY-MM-DDThh:mm:ssZ</granularity></Identify>`
    );
  }

  /** The record an identifier names, or idDoesNotExist. */
  private async lookup(identifier: string): Promise<HeritageRecord> {
    const parsed = parseOaiIdentifier(this.repository, identifier);
    if (!parsed) fail('idDoesNotExist', `${identifier} is not an identifier of this repository`);
    const graph = recordGraphIri(this.deps.baseIri, parsed!.sourceId, parsed!.recordId);
    const found = (await this.records(graph)).find((r) => r.sourceId === parsed!.sourceId && r.recordId === parsed!.recordId);
    if (!found) fail('idDoesNotExist', `no record has the identifier ${identifier}`);
    return found!;
  }

  private async formatsOf(record: HeritageRecord): Promise<Prefix[]> {
    if (record.deleted) return ['edm', 'oai_dc'];
    const [built] = await builderFor(this.deps).build([record]);
    return built && built.problems.length === 0 ? ['edm', 'oai_dc'] : ['oai_dc'];
  }

  private async listMetadataFormats(): Promise<string> {
    let prefixes: Prefix[] = ['edm', 'oai_dc'];
    if (this.args.identifier !== undefined) prefixes = await this.formatsOf(await this.lookup(this.args.identifier));
    if (prefixes.length === 0) fail('noMetadataFormats', `no metadata formats are available for ${this.args.identifier}`);
    const formats = prefixes.map(
      (p) => `<metadataFormat><metadataPrefix>${p}</metadataPrefix><schema>${FORMATS[p].schema}</schema><metadataNamespace>${FORMATS[p].namespace}</metadataNamespace></metadataFormat>`,
    );
    return `<ListMetadataFormats>${formats.join('')}</ListMetadataFormats>`;
  }

  private async listSets(): Promise<string> {
    if (this.args.resumptionToken !== undefined) fail('badResumptionToken', 'ListSets never issues resumption tokens: the whole list comes at once');
    const names = Object.fromEntries((this.deps.sources ?? []).map((s) => [s.id, s.name]));
    const sets = listSets(await this.records(), names);
    if (sets.length === 0) fail('noSetHierarchy', 'the repository holds no records, so it has no sets');
    return `<ListSets>${sets.map((s) => `<set><setSpec>${escapeText(s.spec)}</setSpec><setName>${escapeText(s.name)}</setName></set>`).join('')}</ListSets>`;
  }

  private header(record: HeritageRecord): string {
    return headerXml({
      identifier: oaiIdentifier(this.repository, record.sourceId, record.recordId),
      datestamp: toDatestamp(record.changed),
      setSpecs: setSpecsOf(record),
      deleted: record.deleted,
    });
  }

  private recordXml(record: HeritageRecord, prefix: Prefix, built: EdmRecord | undefined): string {
    if (record.deleted || !built) return `<record>${this.header(record)}</record>`;
    const metadata = prefix === 'edm' ? built.xml : built.dc;
    return `<record>${this.header(record)}<metadata>${metadata}</metadata></record>`;
  }

  private async getRecord(): Promise<string> {
    const prefix = this.args.metadataPrefix!;
    if (!isPrefix(prefix)) fail('cannotDisseminateFormat', `metadataPrefix ${prefix} is not supported (edm, oai_dc)`);
    const record = await this.lookup(this.args.identifier!);
    if (record.deleted) return `<GetRecord>${this.recordXml(record, prefix as Prefix, undefined)}</GetRecord>`;
    const [built] = await builderFor(this.deps).build([record]);
    if (prefix === 'edm' && (!built || built.problems.length > 0)) {
      fail('cannotDisseminateFormat', `${this.args.identifier} is withheld from the edm format: ${built?.problems[0]?.rule ?? 'mapping failed'} ${built?.problems[0]?.message ?? ''}`.trim());
    }
    return `<GetRecord>${this.recordXml(record, prefix as Prefix, built)}</GetRecord>`;
  }

  private listRequest(verb: 'ListIdentifiers' | 'ListRecords'): TokenState {
    if (this.args.resumptionToken !== undefined) {
      const check = decodeToken(this.args.resumptionToken, this.now, this.deps.tokenSecret);
      if (!check.ok) return fail('badResumptionToken', check.reason);
      if (check.state.verb !== verb) fail('badResumptionToken', `the resumptionToken belongs to ${check.state.verb}, not ${verb}`);
      return check.state;
    }
    const prefix = this.args.metadataPrefix!;
    if (!isPrefix(prefix)) fail('cannotDisseminateFormat', `metadataPrefix ${prefix} is not supported (edm, oai_dc)`);
    const from = this.args.from === undefined ? undefined : parseOaiDate(this.args.from, 'from');
    const until = this.args.until === undefined ? undefined : parseOaiDate(this.args.until, 'until');
    if (this.args.from !== undefined && !from) fail('badArgument', `from=${this.args.from} is not a date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)`);
    if (this.args.until !== undefined && !until) fail('badArgument', `until=${this.args.until} is not a date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)`);
    if (from && until && from.granularity !== until.granularity) fail('badArgument', 'from and until must have the same granularity');
    if (from && until && from.seconds > until.seconds) fail('badArgument', 'from is later than until');
    return {
      verb,
      metadataPrefix: prefix,
      ...(this.args.set !== undefined ? { set: this.args.set } : {}),
      ...(from ? { from: from.seconds } : {}),
      // The list is fixed at its first request: later changes wait for the next harvest.
      until: until?.seconds ?? Math.floor(this.now / 1000),
      afterTime: Number.NEGATIVE_INFINITY,
      afterGraph: '',
      cursor: 0,
      expires: 0,
    };
  }

  private async list(verb: 'ListIdentifiers' | 'ListRecords'): Promise<string> {
    const state = this.listRequest(verb);
    const fresh = this.args.resumptionToken === undefined;
    const prefix = state.metadataPrefix as Prefix;
    const all = await this.records();
    if (state.set !== undefined && all.length === 0) fail('noSetHierarchy', 'the repository holds no records, so it has no sets');
    let candidates = all.filter((r) => {
      const s = toSeconds(r.changed);
      return (state.from === undefined || s >= state.from) && s <= state.until && (state.set === undefined || inSet(r, state.set));
    });
    const builder = builderFor(this.deps);
    const built = new Map<string, EdmRecord>();
    const build = async (records: HeritageRecord[]) => {
      for (const b of await builder.build(records.filter((r) => !built.has(r.graph)))) built.set(b.ref.graph, b);
    };
    if (prefix === 'edm') {
      // Withheld records are not part of the edm list at all (nor of completeListSize).
      await build(candidates);
      candidates = candidates.filter((r) => r.deleted || built.get(r.graph)?.problems.length === 0);
    }
    const remaining = candidates.filter((r) => {
      const t = Date.parse(r.changed);
      return t > state.afterTime || (t === state.afterTime && r.graph > state.afterGraph);
    });
    // A resumed list can only come up empty when its last records changed after the token was issued.
    if (remaining.length === 0) fail('noRecordsMatch', fresh ? 'no records match the request' : 'no records remain in this list');
    const pageSize = this.deps.pageSize ?? (verb === 'ListRecords' ? 50 : 100);
    const page = remaining.slice(0, pageSize);
    if (verb === 'ListRecords') await build(page.filter((r) => !r.deleted));
    const items = page.map((r) => (verb === 'ListIdentifiers' ? this.header(r) : this.recordXml(r, prefix, built.get(r.graph))));
    const completeListSize = state.cursor + remaining.length;
    let token = '';
    if (remaining.length > page.length) {
      const last = page[page.length - 1]!;
      const expires = this.now + (this.deps.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS) * 1000;
      const next: TokenState = { ...state, afterTime: Date.parse(last.changed), afterGraph: last.graph, cursor: state.cursor + page.length, expires };
      token = resumptionTokenXml(encodeToken(next, this.deps.tokenSecret), { completeListSize, cursor: state.cursor, expirationDate: expires });
    } else if (!fresh) {
      // The last page of a resumed list carries an empty token.
      token = resumptionTokenXml('', { completeListSize, cursor: state.cursor });
    }
    return `<${verb}>${items.join('')}${token}</${verb}>`;
  }
}
