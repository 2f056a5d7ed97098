/**
 * RML string templates: literal text with `{reference}` parts; `\{`, `\}` and `\\` escape.
 */
export type TemplatePart = { text: string } | { reference: string };

/** Splits a template; throws a plain Error with the offending position when it is malformed. */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let ref: string | undefined;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '\\') {
      const next = template[i + 1];
      if (next === '{' || next === '}' || next === '\\') {
        if (ref === undefined) text += next;
        else ref += next;
        i++;
        continue;
      }
      if (ref === undefined) text += c;
      else ref += c;
      continue;
    }
    if (c === '{') {
      if (ref !== undefined) throw new Error(`nested "{" at position ${i} in template "${template}"`);
      if (text) parts.push({ text });
      text = '';
      ref = '';
    } else if (c === '}') {
      if (ref === undefined) throw new Error(`unmatched "}" at position ${i} in template "${template}"`);
      if (ref === '') throw new Error(`empty reference "{}" in template "${template}"`);
      parts.push({ reference: ref });
      ref = undefined;
    } else if (ref === undefined) text += c;
    else ref += c;
  }
  if (ref !== undefined) throw new Error(`unclosed "{" in template "${template}"`);
  if (text) parts.push({ text });
  return parts;
}
