/**
 * The API documentation page at /api/docs: the served OpenAPI document rendered on the server
 * as plain HTML (no CDN, no scripts), so it works offline and cannot drift from the JSON.
 */
import { esc, layout } from './html.js';

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: { type?: string; enum?: string[]; format?: string } }[];
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
}

export function apiDocsPage(doc: { info: { title: string; description?: string; version: string }; paths: Record<string, Record<string, Operation>> }): string {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const toc = ops.map(({ path, method, op }) => `<li><a href="#${esc(op.operationId ?? path)}"><code>${esc(method.toUpperCase())} ${esc(path)}</code></a> ${esc(op.summary ?? '')}</li>`).join('\n');
  const sections = ops
    .map(({ path, method, op }) => {
      const params = (op.parameters ?? [])
        .map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}${p.required ? ' (required)' : ''}</td><td>${esc(p.schema?.enum ? p.schema.enum.join(' | ') : (p.schema?.format ?? p.schema?.type ?? ''))}</td><td>${esc(p.description ?? '')}</td></tr>`)
        .join('\n');
      const responses = Object.entries(op.responses ?? {})
        .map(([status, r]) => `<tr><td>${esc(status)}</td><td>${esc(r.description ?? '')}</td><td>${esc(Object.keys(r.content ?? {}).join(', '))}</td></tr>`)
        .join('\n');
      return `<section class="operation" id="${esc(op.operationId ?? path)}">
<h3><code>${esc(method.toUpperCase())} ${esc(path)}</code></h3>
<p>${esc(op.summary ?? '')}</p>${op.description ? `<p class="muted">${esc(op.description)}</p>` : ''}
${params ? `<table><thead><tr><th>parameter</th><th>in</th><th>type</th><th>description</th></tr></thead><tbody>${params}</tbody></table>` : ''}
<table><thead><tr><th>status</th><th>meaning</th><th>media types</th></tr></thead><tbody>${responses}</tbody></table>
</section>`;
    })
    .join('\n');
  return layout(
    `${doc.info.title} — API documentation`,
    `<h1>${esc(doc.info.title)} <small class="muted">v${esc(doc.info.version)}</small></h1>
<p>${esc(doc.info.description ?? '')}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
<h2>Operations</h2><ul id="operations">${toc}</ul>
${sections}`,
  );
}
