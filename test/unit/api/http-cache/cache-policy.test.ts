import { cacheControlFor } from '../../../../src/api/http-cache/cache-policy.js';

describe('the Cache-Control policy per route', () => {
  it.each([
    ['/id/mensgemaaktobject/dmg/1', 'public, max-age=60'],
    ['/api/v1/activities', 'public, max-age=60'],
    ['/api/v1/contexts/ghent-generiek-basis.jsonld', 'public, max-age=86400'],
    ['/api/openapi.json', 'public, max-age=3600'],
    ['/sparql', 'public, max-age=60'],
    ['/ldes/activities', 'public, max-age=60'],
    ['/oai', 'no-cache'],
    ['/assets/yasqe/yasqe.min.js', 'public, max-age=86400'],
    ['/admin/links/review', 'no-store'],
    ['/admin', 'no-store'],
    ['/metrics', 'no-store'],
    ['/reports/dmg', 'no-cache'],
    ['/administration', 'no-cache'],
  ])('GET %s: %s', (path, expected) => {
    expect(cacheControlFor('GET', path)).toBe(expected);
  });

  it('never lets a write be stored', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) expect(cacheControlFor(method, '/sparql')).toBe('no-store');
  });
});
