/** Tiny HTML helpers: every harvested string goes through `esc`, so no source can inject markup. */
export const esc = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"'`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!);

/** The site's stylesheet, inline; its hash is allowed by the Content-Security-Policy (security-headers.ts). */
export const LAYOUT_STYLE = `
body{font-family:system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{background:#1f3a5f;color:#fff;padding:.8rem 1.5rem;display:flex;gap:1.5rem;align-items:center}
header a{color:#fff;text-decoration:none}header nav a{margin-right:1rem;opacity:.9}
main{padding:1.2rem 1.5rem;max-width:1200px}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top;font-size:.92rem}
th{background:#eef2f7}code,pre,textarea{font-family:ui-monospace,monospace}
pre{background:#fff;border:1px solid #ddd;padding:.6rem;overflow:auto}
.muted{color:#666}.bad{color:#a40000}.ok{color:#1a7f37}
textarea.wide{width:100%}
`;

export function layout(title: string, body: string, options: { lang?: string; head?: string } = {}): string {
  return `<!doctype html>
<html lang="${esc(options.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${LAYOUT_STYLE}</style>
${options.head ?? ''}
</head>
<body>
<header><a href="/"><strong>Culture LOD Hub</strong></a><nav><a href="/sparql">SPARQL</a><a href="/sources">${options.lang === 'nl' ? 'Bronnen' : 'Sources'}</a><a href="/reports${options.lang ? `?lang=${esc(options.lang)}` : ''}">${options.lang === 'nl' ? 'Rapporten' : 'Reports'}</a><a href="/api/docs">${options.lang === 'nl' ? 'API-documentatie' : 'API'}</a></nav></header>
<main>
${body}
</main>
</body>
</html>`;
}
