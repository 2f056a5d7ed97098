/**
 * publiq's advanced query `q` (Lucene query-string syntax, docs/search-api_advanced_advanced-queries.md),
 * the subset the hub answers: field:value, field:"phrase", field:[a TO b] and {a TO b} (either end
 * `*`), field:>=n / >n / <n / <=n, field:* , AND OR NOT (&& || !), + and - prefixes, parentheses
 * (also `field:(a OR b)`), escaped characters (`address.\*.postalCode`, `00\:00`), and wildcards in
 * values. This file only reads the syntax into a tree; query-fields.ts maps the fields.
 *
 * Boolean semantics are Lucene's (what Elasticsearch, and so publiq, runs): between clauses the
 * default is OR; AND makes the clauses on both sides required; NOT and - prohibit the next clause;
 * + requires it. In a group with required clauses the optional ones only rank, so they do not
 * filter; a group with only optional clauses needs one of them; a group of only prohibited clauses
 * matches everything else.
 */

export type QueryNode =
  | { all: QueryNode[] }
  | { any: QueryNode[] }
  | { not: QueryNode }
  /** field undefined: a bare word or phrase (free text). */
  | { field?: string; value: string; phrase: boolean; wildcard: boolean }
  | { field?: string; from?: string; to?: string; fromExclusive: boolean; toExclusive: boolean };

export class AdvancedQueryError extends Error {
  constructor(readonly reason: string, readonly at: number) {
    super(`${reason} (at character ${at + 1})`);
    this.name = 'AdvancedQueryError';
  }
}

/** At most this many clauses and this deep nesting: a search box, not a program. */
const MAX_CLAUSES = 100;
const MAX_DEPTH = 10;

type Occur = 'must' | 'should' | 'not';

/** Does the query name any field? A q without one is free text (the hub's q before issue 20). */
export function hasField(q: string): boolean {
  return /(^|[\s(+\-!])(?:[^\s:()"\\[\]{}]|\\.)+:/.test(q);
}

export function parseAdvancedQuery(q: string): QueryNode {
  return new Parser(q).parse();
}

class Parser {
  private pos = 0;
  private clauses = 0;

  constructor(private readonly text: string) {}

  parse(): QueryNode {
    const node = this.query(undefined, 0);
    this.space();
    if (this.pos < this.text.length) throw new AdvancedQueryError(`unexpected "${this.text[this.pos]}"`, this.pos);
    return node;
  }

  private query(field: string | undefined, depth: number): QueryNode {
    if (depth > MAX_DEPTH) throw new AdvancedQueryError(`more than ${MAX_DEPTH} nested parentheses`, this.pos);
    const parts: { occur: Occur; node: QueryNode }[] = [];
    for (;;) {
      this.space();
      if (this.pos >= this.text.length || (this.peek() === ')' && depth > 0)) break;
      let conj: 'and' | 'or' | undefined;
      if (parts.length) conj = this.conjunction();
      this.space();
      const mod = this.modifier();
      this.space();
      const node = this.clause(field, depth);
      if (++this.clauses > MAX_CLAUSES) throw new AdvancedQueryError(`more than ${MAX_CLAUSES} clauses`, this.pos);
      // Lucene's QueryParser.addClause with the default operator OR.
      const prev = parts[parts.length - 1];
      if (prev && conj === 'and' && prev.occur !== 'not') prev.occur = 'must';
      const occur: Occur = mod === 'not' ? 'not' : mod === 'req' || conj === 'and' ? 'must' : 'should';
      parts.push({ occur, node });
    }
    if (parts.length === 0) throw new AdvancedQueryError('expected a clause', this.pos);
    return combine(parts);
  }

  private conjunction(): 'and' | 'or' | undefined {
    for (const [word, conj] of [['AND', 'and'], ['&&', 'and'], ['OR', 'or'], ['||', 'or']] as const) {
      if (this.text.startsWith(word, this.pos) && this.boundary(this.pos + word.length, word)) {
        this.pos += word.length;
        return conj;
      }
    }
    return undefined;
  }

  private modifier(): 'not' | 'req' | undefined {
    if (this.text.startsWith('NOT', this.pos) && this.boundary(this.pos + 3, 'NOT')) {
      this.pos += 3;
      return 'not';
    }
    const c = this.peek();
    if (c === '!' || c === '-') {
      this.pos++;
      return 'not';
    }
    if (c === '+') {
      this.pos++;
      return 'req';
    }
    return undefined;
  }

  /** A word operator ends at a space or parenthesis; symbol operators need nothing after them. */
  private boundary(at: number, word: string): boolean {
    if (!/^[A-Z]/.test(word)) return true;
    return at >= this.text.length || /[\s(]/.test(this.text[at]!);
  }

  private clause(field: string | undefined, depth: number): QueryNode {
    const start = this.pos;
    if (this.peek() === '(') return this.group(field, depth);
    if (this.peek() === '[' || this.peek() === '{') return this.range(field);
    if (this.peek() === '"') return { field, value: this.phrase(), phrase: true, wildcard: false };
    const word = this.word();
    if (word === undefined) throw new AdvancedQueryError(this.pos < this.text.length ? `unexpected "${this.text[this.pos]}"` : 'the query ends where a value was expected', start);
    if (this.peek() === ':' && field === undefined) {
      this.pos++;
      const name = word.text;
      if (!name) throw new AdvancedQueryError('a field name before ":"', start);
      return this.fieldValue(name, depth);
    }
    return { field, value: word.text, phrase: false, wildcard: word.wildcard };
  }

  private fieldValue(field: string, depth: number): QueryNode {
    const c = this.peek();
    if (c === '(') return this.group(field, depth);
    if (c === '[' || c === '{') return this.range(field);
    if (c === '"') return { field, value: this.phrase(), phrase: true, wildcard: false };
    const op = /^(>=|<=|>|<)/.exec(this.text.slice(this.pos))?.[1];
    if (op) this.pos += op.length;
    const at = this.pos;
    const word = op && this.peek() === '"' ? { text: this.phrase(), wildcard: false } : this.word();
    if (word === undefined) throw new AdvancedQueryError(`a value after "${field}:"`, at);
    if (!op) return { field, value: word.text, phrase: false, wildcard: word.wildcard };
    return op.startsWith('>') ? { field, from: word.text, fromExclusive: op === '>', toExclusive: false } : { field, to: word.text, fromExclusive: false, toExclusive: op === '<' };
  }

  private group(field: string | undefined, depth: number): QueryNode {
    const open = this.pos++;
    const node = this.query(field, depth + 1);
    if (this.peek() !== ')') throw new AdvancedQueryError('a "(" without its ")"', open);
    this.pos++;
    return node;
  }

  /**
   * [a TO b] inclusive, {a TO b} exclusive (mixed brackets allowed). A `+` sent unencoded in a
   * date arrives as a space ("2024-09-03T18:31:00 02:00"): a bound whose second word is a zone
   * offset gets its `+` back, as publiq's own doc example needs.
   */
  private range(field: string | undefined): QueryNode {
    const open = this.pos;
    const fromExclusive = this.text[this.pos++] === '{';
    const close = this.text.slice(this.pos).search(/[\]}]/);
    if (close < 0) throw new AdvancedQueryError(`a range "${this.text[open]}" without its "]" or "}"`, open);
    const inner = this.text.slice(this.pos, this.pos + close);
    this.pos += close;
    const toExclusive = this.text[this.pos++] === '}';
    const sides = inner.trim().split(/\s+TO\s+/);
    if (sides.length !== 2) throw new AdvancedQueryError('a range is [from TO to], e.g. [2026-01-01 TO 2026-12-31] or [10 TO *]', open);
    const bound = (side: string): string | undefined => {
      const words = side.trim().split(/\s+/).map(unescape).map(unquote);
      const value = words.length === 2 && /^\d{2}:?\d{2}$/.test(words[1]!) ? `${words[0]}+${words[1]}` : words.join(' ');
      if (!value) throw new AdvancedQueryError('a range bound is empty', open);
      return value === '*' ? undefined : value;
    };
    return { field, from: bound(sides[0]!), to: bound(sides[1]!), fromExclusive, toExclusive };
  }

  private phrase(): string {
    const open = this.pos++;
    let out = '';
    while (this.pos < this.text.length && this.text[this.pos] !== '"') {
      if (this.text[this.pos] === '\\' && this.pos + 1 < this.text.length) this.pos++;
      out += this.text[this.pos++];
    }
    if (this.pos >= this.text.length) throw new AdvancedQueryError('a quote without its closing quote', open);
    this.pos++;
    return out;
  }

  /** A term up to a space, parenthesis, unescaped colon or range bracket; `*` and `?` unescaped make it a wildcard. */
  private word(): { text: string; wildcard: boolean } | undefined {
    let text = '';
    let wildcard = false;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '\\' && this.pos + 1 < this.text.length) {
        text += this.text[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (/[\s():"[\]{}]/.test(c)) break;
      if (c === '*' || c === '?') wildcard = true;
      text += c;
      this.pos++;
    }
    return text === '' ? undefined : { text, wildcard };
  }

  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private space(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }
}

const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
const unquote = (s: string) => (s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s);

/** One group's clauses as a tree, with Lucene's meaning of must/should/not. */
function combine(parts: { occur: Occur; node: QueryNode }[]): QueryNode {
  if (parts.length === 1 && parts[0]!.occur !== 'not') return parts[0]!.node;
  const musts = parts.filter((p) => p.occur === 'must').map((p) => p.node);
  const shoulds = parts.filter((p) => p.occur === 'should').map((p) => p.node);
  const nots = parts.filter((p) => p.occur === 'not').map((p) => ({ not: p.node }));
  const required = musts.length ? musts : shoulds.length > 1 ? [{ any: shoulds }] : shoulds;
  const all = [...required, ...nots];
  return all.length === 1 ? all[0]! : { all };
}
