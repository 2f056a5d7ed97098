/** Content negotiation: picks the best offered media type for an Accept header (RFC 9110 q-values). */
interface Range {
  type: string;
  q: number;
  specificity: number;
}

function parseAccept(header: string | undefined): Range[] {
  if (!header || !header.trim()) return [{ type: '*/*', q: 1, specificity: 0 }];
  return header
    .split(',')
    .map((part) => {
      const [type, ...params] = part.trim().split(';');
      let q = 1;
      for (const p of params) {
        const [k, v] = p.trim().split('=');
        if (k === 'q' && v !== undefined) q = Number(v);
      }
      const t = (type ?? '').trim().toLowerCase();
      return { type: t, q: Number.isFinite(q) ? q : 0, specificity: t === '*/*' ? 0 : t.endsWith('/*') ? 1 : 2 };
    })
    .filter((r) => r.type.includes('/'));
}

function matches(range: string, offer: string): boolean {
  if (range === '*/*') return true;
  if (range.endsWith('/*')) return offer.startsWith(range.slice(0, -1));
  return range === offer;
}

/**
 * The offer the client prefers most, or undefined when none is acceptable (answer 406).
 * Ties go to the earlier offer, so list the default first.
 */
export function negotiate(accept: string | undefined, offers: readonly string[]): string | undefined {
  const ranges = parseAccept(accept);
  let best: { offer: string; q: number; specificity: number; index: number } | undefined;
  offers.forEach((offer, index) => {
    let chosen: Range | undefined;
    for (const r of ranges) if (matches(r.type, offer) && (!chosen || r.specificity > chosen.specificity)) chosen = r;
    if (!chosen || chosen.q <= 0) return;
    if (!best || chosen.q > best.q || (chosen.q === best.q && chosen.specificity > best.specificity)) best = { offer, q: chosen.q, specificity: chosen.specificity, index };
  });
  return best?.offer;
}
