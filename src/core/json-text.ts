/**
 * JSON.parse for payloads from outside, tolerant of one common defect: raw control characters
 * inside strings (JSON wants them escaped; exports from old databases write them as they are).
 * Such a string is read with the character escaped, so one record's stray ESC stays that
 * record's problem (the pipeline removes it from the literal and reports it) instead of making
 * a whole page or file unreadable. Anything else that is not JSON still fails as JSON.parse does.
 */

// eslint-disable-next-line no-control-regex -- raw control characters are what is looked for
const RAW_CONTROL = /[\u0000-\u001f]/;

/** The text with raw control characters inside strings written as \u escapes. */
function escapeControlsInStrings(text: string): string {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      else if (c < 0x20) {
        out += `${text.slice(from, i)}\\u${c.toString(16).padStart(4, '0')}`;
        from = i + 1;
      }
    } else if (c === 0x22) inString = true;
  }
  return out + text.slice(from);
}

export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!RAW_CONTROL.test(text)) throw error;
    try {
      return JSON.parse(escapeControlsInStrings(text));
    } catch {
      throw error;
    }
  }
}
