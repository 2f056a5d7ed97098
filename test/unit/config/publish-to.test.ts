/** The write-back settings `publishTo.uitdatabank` of a source (issue 18): checked at load, naming source and field. */
import { parseConfig } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/core/errors.js';
import { projectPath } from '../../../src/core/paths.js';

const file = projectPath('config/test.yaml');
const source = (entityType: string, push: string) => `
sources:
  - id: house-tm
    connector: { type: ticketmatic }
    mapping: ../mappings/ticketmatic-event.yml
    shapes: [../shapes/oslo-cultuurparticipatie-2024.ttl]
    entityType: ${entityType}
    publishTo:
      uitdatabank:
${push}`;
const full = `        entryUrl: https://io-test.uitdatabank.be
        searchUrl: https://search-test.uitdatabank.be
        tokenUrl: https://account-test.uitid.be/oauth/token
        clientId: \${HOUSE_ID}
        clientSecret: \${HOUSE_SECRET}
`;

function problemsOf(text: string, env: NodeJS.ProcessEnv): string[] {
  try {
    parseConfig(text, file, { env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('publishTo.uitdatabank', () => {
  it('takes the credentials from the environment and defaults to ready-for-validation', () => {
    const config = parseConfig(source('activiteit', full), file, { env: { HOUSE_ID: 'id', HOUSE_SECRET: 's3cret' } });
    const push = config.sources[0]!.publishTo!.uitdatabank!;
    expect(push).toEqual(expect.objectContaining({ clientId: 'id', clientSecret: 's3cret', workflow: 'ready-for-validation', enabled: true, mainLanguage: 'nl' }));
  });

  it('names the field of a secret that is not in the environment', () => {
    expect(problemsOf(source('activiteit', full), { HOUSE_ID: 'id' })).toContain('sources[0].publishTo.uitdatabank.clientSecret: environment variable HOUSE_SECRET is not set');
  });

  it('names the source and the field of a bad setting', () => {
    const problems = problemsOf(source('activiteit', `${full}        workflow: published\n`), { HOUSE_ID: 'id', HOUSE_SECRET: 's' });
    expect(problems).toEqual([expect.stringMatching(/^sources\[0\]\.publishTo\.uitdatabank\.workflow \(source house-tm\): /)]);
  });

  it('refuses a source whose records are not activities', () => {
    const problems = problemsOf(source('locatie', full), { HOUSE_ID: 'id', HOUSE_SECRET: 's' });
    expect(problems).toEqual([expect.stringMatching(/^sources\[0\]\.publishTo\.uitdatabank \(source house-tm\): only sources of activities .*"locatie"/)]);
  });

  it('can be switched off from the environment', () => {
    const config = parseConfig(source('activiteit', `${full}        enabled: \${PUSH_ON:-false}\n`), file, { env: { HOUSE_ID: 'id', HOUSE_SECRET: 's' } });
    expect(config.sources[0]!.publishTo!.uitdatabank!.enabled).toBe(false);
  });
});
