/** Source and organisation names per language in the configuration (issue 17, item 5). */
import { parseConfig } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/core/errors.js';
import { organisationNameIn, sourceNameIn } from '../../../src/config/names.js';
import { projectPath } from '../../../src/core/paths.js';

const file = projectPath('config/test.yaml');
const config = (extra: string, hub = '') => `${hub}
sources:
  - id: ghent
    connector: { type: ldes, url: "http://127.0.0.1:1/x" }
    mapping: ../mappings/ghent-ldes.yml
    shapes: [../shapes/oslo-ce-object-2021.ttl]
${extra}`;

describe('Names per language in the configuration', () => {
  it('keeps the plain string form: one name in every language', () => {
    const c = parseConfig(config('    name: Stedelijk Museum\n    organisation: Musea Gent'), file, { env: {} });
    expect(c.sources[0]).toMatchObject({ name: 'Stedelijk Museum', organisation: 'Musea Gent' });
    expect(sourceNameIn(c, 'ghent', 'en')).toBe('Stedelijk Museum');
    expect(organisationNameIn(c, 'Musea Gent', 'nl')).toBe('Musea Gent');
  });

  it('takes a name per language; the first given is the plain name (the organisation as its records name it)', () => {
    const c = parseConfig(config('    name: { nl: Objecten, en: Objects }\n    organisation: { nl: Museum voor Schone Kunsten Gent, en: Museum of Fine Arts Ghent }'), file, { env: {} });
    const s = c.sources[0]!;
    expect(s).toMatchObject({ name: 'Objecten', names: { nl: 'Objecten', en: 'Objects' }, organisation: 'Museum voor Schone Kunsten Gent' });
    expect([sourceNameIn(c, 'ghent', 'nl'), sourceNameIn(c, 'ghent', 'en')]).toEqual(['Objecten', 'Objects']);
    expect([organisationNameIn(c, 'Museum voor Schone Kunsten Gent', 'nl'), organisationNameIn(c, 'Museum voor Schone Kunsten Gent', 'en')]).toEqual(['Museum voor Schone Kunsten Gent', 'Museum of Fine Arts Ghent']);
  });

  it('takes `names:` beside a plain name, which stands for the languages not given', () => {
    const c = parseConfig(config('    name: Datahub\n    names: { en: Art Datahub }'), file, { env: {} });
    expect([sourceNameIn(c, 'ghent', 'nl'), sourceNameIn(c, 'ghent', 'en')]).toEqual(['Datahub', 'Art Datahub']);
  });

  it('names organisations that only records name through hub.organisationNames', () => {
    const c = parseConfig(config('    organisation: Aggregator', 'hub:\n  organisationNames:\n    Musea Brugge: { en: Bruges Museums }'), file, { env: {} });
    expect([organisationNameIn(c, 'Musea Brugge', 'nl'), organisationNameIn(c, 'Musea Brugge', 'en')]).toEqual(['Musea Brugge', 'Bruges Museums']);
    expect(organisationNameIn(c, 'Aggregator', 'en')).toBe('Aggregator');
  });

  it('refuses an empty name map and unknown languages, by path', () => {
    const problems = (extra: string) => {
      try {
        parseConfig(config(extra), file, { env: {} });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems('    name: {}').join('\n')).toMatch(/sources\[0\]\.name/);
    expect(problems('    names: { xx: Iets }').join('\n')).toMatch(/sources\[0\]\.names.*xx|Unrecognized key/);
  });
});
