import { filesConnectorDefinition } from '../../../../src/connectors/files/index.js';
import { matchesPattern, ruleFor } from '../../../../src/connectors/files/files-connector.js';

describe('File rules', () => {
  it('match whole names with * and ? wildcards, case-insensitively', () => {
    expect(matchesPattern('activiteiten-2026.CSV', 'activiteiten*.csv')).toBe(true);
    expect(matchesPattern('oude-activiteiten.csv', 'activiteiten*.csv')).toBe(false);
    expect(matchesPattern('a1.xml', 'a?.xml')).toBe(true);
    expect(matchesPattern('a1+b.xml', 'a1+b.xml')).toBe(true);
  });

  it('default to one rule per format, and skip files of unknown formats', () => {
    const { rules } = filesConnectorDefinition.configSchema.parse({ type: 'files', folder: './data/uploads' });
    expect(ruleFor('x.xlsx', rules)?.id).toBe('id');
    expect(ruleFor('x.xml', rules)).toMatchObject({ records: 'record', id: '@id' });
    expect(ruleFor('x.txt', rules)).toBeUndefined();
  });
});
