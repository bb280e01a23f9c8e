/** A readable, dependency-free HTML page of the OpenAPI document, grouped by tag. */
function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

type Json = Record<string, unknown>;

export function renderApiDocs(doc: Json): string {
  const info = doc.info as Json;
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const byTag = new Map<string, string[]>();
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const tag = ((op.tags as string[] | undefined) ?? ['Overig'])[0]!;
      const params = ((op.parameters as Json[] | undefined) ?? [])
        .map(
          (p) =>
            `<li><code>${escapeHtml(p.name)}</code> (${escapeHtml(p.in)}${p.required ? ', verplicht' : ''})</li>`,
        )
        .join('');
      const responses = Object.keys((op.responses as Json) ?? {}).join(', ');
      const roles = op['x-grip-roles'];
      const html = `<section class="op"><h3><span class="method">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code></h3>
<p>${escapeHtml(op.summary)}</p>
<p><strong>Actie:</strong> <code>${escapeHtml(op['x-grip-action'])}</code> · <strong>Rollen:</strong> ${escapeHtml(Array.isArray(roles) ? roles.join(', ') : roles)}</p>
${params ? `<p><strong>Parameters</strong></p><ul>${params}</ul>` : ''}
<p><strong>Antwoorden:</strong> ${escapeHtml(responses)}</p></section>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const sections = [...byTag.entries()]
    .map(([tag, ops]) => `<h2 id="${escapeHtml(tag.toLowerCase())}">${escapeHtml(tag)}</h2>${ops.join('\n')}`)
    .join('\n');
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title)} ${escapeHtml(info.version)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;line-height:1.5;color:#1a1a1a}
code{background:#f3f3f3;padding:0 .2em}.op{border-top:1px solid #ccc;padding:.5rem 0}.method{font-weight:700;color:#00437a}</style></head>
<body><main><h1>${escapeHtml(info.title)} <small>${escapeHtml(info.version)}</small></h1>
<p>${escapeHtml(info.description)}</p>
<p>Machineleesbaar: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI ${escapeHtml(doc.openapi)}).</p>
${sections}</main></body></html>`;
}
