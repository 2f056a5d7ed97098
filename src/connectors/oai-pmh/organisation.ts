/**
 * Finds the organisation a harvested payload belongs to while the OAI parser streams it, so
 * an aggregator's records (VKC Datahub museums, meemoo content partners) are reported per
 * organisation rather than under the source's one name. Preference: LIDO's current
 * repository, LIDO's record source, meemoo's content partner (MediaHaven
 * Administrative/OrganisationName, else the METS IPOWNER agent), oai_dc's dc:publisher.
 */
import type { SaxesTagNS } from 'saxes';

const LIDO = 'http://www.lido-schema.org';
const METS = 'http://www.loc.gov/METS/';
const DC = 'http://purl.org/dc/elements/1.1/';
const OAI_DC = 'http://www.openarchives.org/OAI/2.0/oai_dc/';

type Kind = 'repository' | 'recordSource' | 'contentPartner' | 'ipOwner' | 'publisher';
const PREFERENCE: Kind[] = ['repository', 'recordSource', 'contentPartner', 'ipOwner', 'publisher'];

interface Frame {
  uri: string;
  local: string;
  attrs: Record<string, string>;
}

export class OrganisationSniffer {
  private readonly path: Frame[] = [];
  private readonly found: Partial<Record<Kind, string>> = {};
  private text = '';

  open(tag: SaxesTagNS): void {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) attrs[a.local] = a.value;
    this.path.push({ uri: tag.uri, local: tag.local, attrs });
    this.text = '';
  }

  addText(value: string): void {
    this.text += value;
  }

  close(): void {
    const value = this.text.replace(/\s+/g, ' ').trim();
    const kind = value ? this.kindHere() : undefined;
    if (kind && this.found[kind] === undefined) this.found[kind] = value;
    this.path.pop();
    this.text = '';
  }

  /** What the element being closed names, judged by its ancestors. */
  private kindHere(): Kind | undefined {
    const at = (back: number) => this.path[this.path.length - 1 - back];
    const [el, parent, grand] = [at(0), at(1), at(2)];
    if (el.uri === LIDO && el.local === 'appellationValue' && parent?.local === 'legalBodyName') {
      if (grand?.local === 'repositoryName') {
        // A repositorySet typed "former" names where the object was, not who holds it now.
        const set = at(3);
        return set?.local === 'repositorySet' && /former/i.test(set.attrs.type ?? '') ? undefined : 'repository';
      }
      if (grand?.local === 'recordSource') return 'recordSource';
      return undefined;
    }
    if (el.local === 'OrganisationName' && parent?.local === 'Administrative') return 'contentPartner';
    if (el.uri === METS && el.local === 'name' && parent?.uri === METS && parent.local === 'agent' && parent.attrs.ROLE === 'IPOWNER') return 'ipOwner';
    if (el.uri === DC && el.local === 'publisher' && this.path[0].uri === OAI_DC && this.path.length === 2) return 'publisher';
    return undefined;
  }

  result(): string | undefined {
    for (const kind of PREFERENCE) if (this.found[kind]) return this.found[kind];
    return undefined;
  }
}
