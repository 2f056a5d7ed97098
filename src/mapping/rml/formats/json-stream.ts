/**
 * Cuts the members of one JSON array (or object) out of a text stream and parses them one by one,
 * so `$.items[*]` over a large file never holds more than one record plus one chunk in memory.
 * `keys` is the property path from the root to the container (empty for a root array).
 */
import type { Readable } from 'node:stream';

interface Frame {
  kind: 'o' | 'a';
  key?: string;
  expectKey: boolean;
  target: boolean;
}

export async function* streamJsonArray(input: Readable, keys: string[]): AsyncIterable<unknown[]> {
  const stack: Frame[] = [];
  let inString = false;
  let escape = false;
  let readingKey = false;
  let keyBuf = '';
  let capturing = false;
  let capStart = 0;
  let capDepth = 0;
  let capKind: 'container' | 'string' | 'scalar' = 'container';
  let buf = '';
  let pos = 0;
  input.setEncoding?.('utf8');

  const isTarget = () => {
    if (stack.length !== keys.length) return false;
    for (let i = 0; i < keys.length; i++) if (stack[i].kind !== 'o' || stack[i].key !== keys[i]) return false;
    return true;
  };

  for await (const chunk of input) {
    buf = buf.length ? buf + (chunk as string) : (chunk as string);
    const out: unknown[] = [];
    const n = buf.length;
    while (pos < n) {
      if (inString) {
        // Jump to the next quote; a quote preceded by an odd number of backslashes is escaped.
        const from = escape ? pos + 1 : pos;
        let q = buf.indexOf('"', from);
        escape = false;
        while (q !== -1) {
          let b = q - 1;
          while (b >= from && buf.charCodeAt(b) === 92) b--;
          if ((q - 1 - b) % 2 === 0) break;
          q = buf.indexOf('"', q + 1);
        }
        if (q === -1) {
          if (readingKey) keyBuf += buf.slice(pos);
          let b = n - 1;
          while (b >= from && buf.charCodeAt(b) === 92) b--;
          escape = (n - 1 - b) % 2 === 1;
          pos = n;
          break;
        }
        if (readingKey) keyBuf += buf.slice(pos, q);
        pos = q;
        inString = false;
        if (readingKey) {
          stack[stack.length - 1].key = keyBuf;
          readingKey = false;
        } else if (capturing && capKind === 'string' && stack.length === capDepth) {
          out.push(JSON.parse(buf.slice(capStart, pos + 1)));
          capturing = false;
        }
        pos++;
        continue;
      }
      const code = buf.charCodeAt(pos);
      if (code === 32 || code === 10 || code === 13 || code === 9) {
        if (capturing && capKind === 'scalar' && stack.length === capDepth) {
          out.push(JSON.parse(buf.slice(capStart, pos)));
          capturing = false;
        }
        pos++;
        continue;
      }
      const c = buf[pos];
      const top = stack[stack.length - 1];
      if (capturing && capKind === 'scalar' && stack.length === capDepth && (c === ',' || c === ']' || c === '}')) {
        out.push(JSON.parse(buf.slice(capStart, pos)));
        capturing = false;
      }
      if (!capturing && top?.target && c !== ',' && c !== ':' && c !== ']' && c !== '}' && (top.kind === 'a' || !top.expectKey)) {
        capturing = true;
        capStart = pos;
        capDepth = stack.length;
        capKind = c === '{' || c === '[' ? 'container' : c === '"' ? 'string' : 'scalar';
      }
      switch (c) {
        case '"':
          inString = true;
          if (top?.kind === 'o' && top.expectKey) {
            readingKey = true;
            keyBuf = '';
          }
          break;
        case '{':
        case '[': {
          const target = isTarget();
          stack.push({ kind: c === '{' ? 'o' : 'a', expectKey: c === '{', target });
          break;
        }
        case '}':
        case ']':
          stack.pop();
          if (capturing && capKind === 'container' && stack.length === capDepth) {
            out.push(JSON.parse(buf.slice(capStart, pos + 1)));
            capturing = false;
          }
          break;
        case ':':
          if (top?.kind === 'o') top.expectKey = false;
          break;
        case ',':
          if (top?.kind === 'o') top.expectKey = true;
          break;
        default:
          break;
      }
      pos++;
    }
    if (capturing) {
      buf = buf.slice(capStart);
      pos -= capStart;
      capStart = 0;
    } else {
      buf = '';
      pos = 0;
    }
    if (out.length) yield out;
  }
  if (capturing && capKind === 'scalar') yield [JSON.parse(buf.slice(capStart, pos))];
  if (inString || stack.length) throw new Error('unexpected end of JSON input');
}
