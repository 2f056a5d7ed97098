/** Which of a cluster's IRIs name a UiTdatabank document, and of which kind. */
import { uitdatabankId } from '../../../../src/publication/push/index.js';

describe('uitdatabankId', () => {
  const iris = [
    'http://hub.test/id/locatie/uit-places/6957bc64-a8e2-4dc8-a391-c04da06afe65',
    'https://io-test.uitdatabank.be/places/6957BC64-A8E2-4DC8-A391-C04DA06AFE65',
    'https://io.uitdatabank.be/events/e4fcacb4-93bf-4da8-aa4c-3b726139d626',
    'http://www.uitinvlaanderen.be/agenda/e/bonobo-live/11111111-2222-4333-8444-555555555555',
  ];

  it('reads the id of the asked kind from production and test IRIs, lower-cased', () => {
    expect(uitdatabankId(iris, 'place')).toBe('6957bc64-a8e2-4dc8-a391-c04da06afe65');
    expect(uitdatabankId(iris, 'event')).toBe('e4fcacb4-93bf-4da8-aa4c-3b726139d626');
    expect(uitdatabankId(iris, 'organizer')).toBeUndefined();
  });

  it('ignores the hub’s own IRIs and UiTinVlaanderen pages, and picks the smallest of two', () => {
    expect(uitdatabankId(iris.slice(0, 1).concat(iris[3]!), 'event')).toBeUndefined();
    expect(uitdatabankId(['https://io.uitdatabank.be/events/ffffffff-0000-4000-8000-000000000000', 'https://io.uitdatabank.be/events/00000000-0000-4000-8000-000000000000/'], 'event')).toBe('00000000-0000-4000-8000-000000000000');
  });
});
