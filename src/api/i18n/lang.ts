/**
 * The page language: `?lang=nl|en` wins (the switch on every page), then the best of Dutch and
 * English in Accept-Language (q-values honoured), else English.
 */
export type Lang = 'nl' | 'en';

export const LANGS: readonly Lang[] = ['en', 'nl'];

export function pickLang(query: unknown, acceptLanguage: string | undefined): Lang {
  if (query === 'nl' || query === 'en') return query;
  let best: { lang: Lang; q: number } | undefined;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const primary = tag?.split('-')[0];
    if (primary !== 'nl' && primary !== 'en') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang: primary, q };
  }
  return best?.lang ?? 'en';
}
