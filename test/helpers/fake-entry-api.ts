/**
 * An in-memory UiTdatabank behind the `EntryApi` seam (src/connectors/uitdatabank/entry-contract.ts),
 * for the push step's unit tests: documents per kind, every write recorded, searches answered
 * loosely (the push step checks each answer itself), and trouble on demand: a refusal with
 * publiq's problem shape, UiTdatabank unavailable (SourceUnavailableError, as the client throws
 * once its retries are spent), or a create that lands and then "crashes" before the caller hears.
 */
import { randomUUID } from 'node:crypto';
import { SourceUnavailableError } from '../../src/core/errors.js';
import { EntryApiError, type EntryApi, type EntryDocument, type EntryKind, type EntryProblem, type EntryUpdate } from '../../src/connectors/uitdatabank/entry-contract.js';

export interface FakeCall {
  method: 'create' | 'update' | 'remove' | 'uploadImage';
  kind: EntryKind;
  id?: string;
  update?: EntryUpdate;
  body?: EntryDocument;
}

type Trouble = { kind?: EntryKind; method?: FakeCall['method']; path?: string; times?: number; error: () => Error };

export class FakeEntryApi implements EntryApi {
  readonly root = 'https://io.uitdatabank.test';
  readonly docs: Record<EntryKind, Map<string, EntryDocument>> = { events: new Map(), places: new Map(), organizers: new Map() };
  readonly calls: FakeCall[] = [];
  readonly images = new Map<string, EntryDocument>();
  private troubles: Trouble[] = [];

  /** Writes (creates, updates, removes) so far, optionally of one kind. */
  writes(kind?: EntryKind): FakeCall[] {
    return this.calls.filter((c) => !kind || c.kind === kind);
  }

  /** A document entered by hand (or earlier), returned with its id. */
  seed(kind: EntryKind, doc: EntryDocument, id: string = randomUUID()): string {
    this.docs[kind].set(id, { workflowStatus: 'APPROVED', ...structuredClone(doc), '@id': `${this.root}/${kind}/${id}` });
    return id;
  }

  /** The next matching calls fail with `error` (`times` of them; once by default). */
  failNext(trouble: Trouble): void {
    this.troubles.push({ times: 1, ...trouble });
  }

  refuseNext(match: Omit<Trouble, 'error'>, problem: EntryProblem): void {
    this.failNext({ ...match, error: () => new EntryApiError(`${problem.status} ${problem.title}`, 'POST', '/', problem) });
  }

  unavailableNext(match: Omit<Trouble, 'error'>): void {
    this.failNext({ ...match, error: () => new SourceUnavailableError('UiTdatabank answered 503 five times') });
  }

  /**
   * The next create of `kind` stores the document and then throws, as if the process died before
   * it heard the answer; `twice`: stored twice first (a client that retried a POST whose answer was lost).
   */
  crashAfterCreate(kind: EntryKind, options: { twice?: boolean } = {}): void {
    this.crashKind = kind;
    this.crashTwice = options.twice === true;
  }
  private crashKind?: EntryKind;
  private crashTwice = false;
  private created = 0;

  private trouble(method: FakeCall['method'], kind: EntryKind, path?: string): void {
    const t = this.troubles.find((x) => (!x.kind || x.kind === kind) && (!x.method || x.method === method) && (x.path === undefined || x.path === path));
    if (!t) return;
    if (--t.times! <= 0) this.troubles = this.troubles.filter((x) => x !== t);
    throw t.error();
  }

  async create(kind: EntryKind, body: EntryDocument): Promise<{ id: string; url?: string }> {
    this.trouble('create', kind);
    const store = () => {
      const id = randomUUID();
      this.calls.push({ method: 'create', kind, id, body: structuredClone(body) });
      // `created` orders documents as UiTdatabank's timestamps do.
      this.docs[kind].set(id, { ...structuredClone(body), '@id': `${this.root}/${kind}/${id}`, workflowStatus: kind === 'organizers' ? 'ACTIVE' : 'DRAFT', created: `2027-01-01T00:00:${String(this.created++).padStart(2, '0')}+00:00` });
      return id;
    };
    const id = store();
    if (this.crashKind === kind) {
      this.crashKind = undefined;
      if (this.crashTwice) store();
      throw new Error('killed after the create (test)');
    }
    return { id, url: `${this.root}/${kind}/${id}` };
  }

  async get(kind: EntryKind, id: string): Promise<EntryDocument | undefined> {
    const doc = this.docs[kind].get(id);
    return doc && doc.workflowStatus !== 'DELETED' ? structuredClone(doc) : undefined;
  }

  async update(kind: EntryKind, id: string, update: EntryUpdate): Promise<void> {
    this.trouble('update', kind, update.path);
    const doc = this.docs[kind].get(id);
    if (!doc) throw new EntryApiError('404', update.method, `/${kind}/${id}/${update.path}`, { type: 'https://api.publiq.be/probs/url/not-found', title: 'Resource not found', status: 404 });
    this.calls.push({ method: 'update', kind, id, update: structuredClone(update) });
    const body = (update.body ?? {}) as Record<string, unknown>;
    const [head, lang] = update.path.split('/');
    if (update.path === '') Object.assign(doc, structuredClone(body));
    else if (head === 'name') doc.name = { ...(doc.name as object), [lang!]: body.name };
    else if (head === 'booking-availability') doc.bookingAvailability = body;
    else if (head === 'status') doc.status = body;
    else if (head === 'workflow-status') doc.workflowStatus = body.workflowStatus;
    else if (head === 'images' && update.method === 'POST') doc.mediaObject = [...((doc.mediaObject as unknown[]) ?? []), { '@id': `${this.root}/images/${String(body.mediaObjectId)}` }];
    else if (head === 'images' && update.method === 'DELETE') doc.mediaObject = ((doc.mediaObject as { '@id': string }[]) ?? []).filter((m) => !m['@id'].endsWith(`/${lang}`));
    else doc[head!] = body;
  }

  /** `POST /images`: the image imported from its contentUrl. */
  async uploadImage(body: EntryDocument): Promise<{ id: string }> {
    const id = randomUUID();
    this.calls.push({ method: 'uploadImage', kind: 'events', id, body: structuredClone(body) });
    this.images.set(id, structuredClone(body));
    return { id };
  }

  async remove(kind: EntryKind, id: string): Promise<void> {
    this.trouble('remove', kind);
    this.calls.push({ method: 'remove', kind, id });
    const doc = this.docs[kind].get(id);
    if (doc) doc.workflowStatus = 'DELETED';
  }

  async search(kind: EntryKind, params: Record<string, string>): Promise<EntryDocument[]> {
    const has = (v: unknown, needle: string) => JSON.stringify(v ?? '').toLowerCase().includes(needle.toLowerCase());
    return [...this.docs[kind].values()]
      .filter((d) => (params.labels ? [...((d.hiddenLabels as string[]) ?? []), ...((d.labels as string[]) ?? [])].includes(params.labels) : true))
      .filter((d) => (params.text ? has(d.name, params.text) : true))
      .filter((d) => (params.name ? has(d.name, params.name) : true))
      .filter((d) => (params.locationId ? String((d.location as { '@id'?: string } | undefined)?.['@id'] ?? '').endsWith(params.locationId) : true))
      .map((d) => structuredClone(d));
  }
}
