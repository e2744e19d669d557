/**
 * Lexer of the Firebase Security Rules language
 * (https://firebase.google.com/docs/rules/rules-language).
 *
 * Produces every token with its 1-based line/column and its source offsets,
 * because the parser needs adjacency (`start === previous end`) to glue path
 * segments such as `/users/my-doc` back together: the path literal grammar
 * and the expression grammar share `/`, identifiers and `-`.
 */
import { RulesSyntaxError } from './errors';

export type TokenKind = 'ident' | 'int' | 'float' | 'string' | 'bytes' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** identifier name, punctuation text, or decoded string contents */
  text: string;
  /** ints: exact value; floats: number; bytes: decoded */
  int?: bigint;
  float?: number;
  bytes?: Uint8Array;
  line: number;
  column: number;
  start: number;
  end: number;
}

const PUNCT3: readonly string[] = [];
const PUNCT2 = ['==', '!=', '<=', '>=', '&&', '||', '**'];
const PUNCT1 = '{}()[];:,.?!=<>+-*/%$';
const INT64_MAX = (1n << 63n) - 1n;

/** Splits `src` into tokens; throws RulesSyntaxError with a position on bad input. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const err = (msg: string, at = i): never => {
    // recompute line/col of `at` (only on the error path)
    let l = 1;
    let ls = 0;
    for (let k = 0; k < at; k++) if (src[k] === '\n') { l++; ls = k + 1; }
    throw new RulesSyntaxError(l, at - ls + 1, msg);
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\n') { i++; line++; lineStart = i; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '/' && src[i + 1] === '/') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '/' && src[i + 1] === '*') {
      const endAt = src.indexOf('*/', i + 2);
      if (endAt < 0) err('Unterminated comment');
      for (let k = i; k < endAt; k++) if (src[k] === '\n') { line++; lineStart = k + 1; }
      i = endAt + 2;
      continue;
    }
    const start = i;
    const tok = (kind: TokenKind, text: string, extra: Partial<Token> = {}): void => {
      out.push({ kind, text, line, column: start - lineStart + 1, start, end: i, ...extra });
    };
    // bytes / raw string prefixes
    if ((c === 'b' || c === 'B' || c === 'r' || c === 'R') && (src[i + 1] === "'" || src[i + 1] === '"')) {
      i++;
      const s = readQuoted(src, i, c === 'r' || c === 'R', err);
      i = s.end;
      if (c === 'b' || c === 'B') tok('bytes', s.text, { bytes: s.bytes });
      else tok('string', s.text);
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < src.length && /[A-Za-z0-9_]/.test(src[i]!)) i++;
      tok('ident', src.slice(start, i));
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      if (c === '0' && (src[i + 1] === 'x' || src[i + 1] === 'X')) {
        i += 2;
        while (/[0-9a-fA-F]/.test(src[i] ?? '')) i++;
        const v = BigInt(src.slice(start, i));
        if (v > INT64_MAX) err('Integer literal out of range', start);
        tok('int', src.slice(start, i), { int: v });
        continue;
      }
      while (/[0-9]/.test(src[i] ?? '')) i++;
      let isFloat = false;
      if (src[i] === '.' && /[0-9]/.test(src[i + 1] ?? '')) {
        isFloat = true;
        i++;
        while (/[0-9]/.test(src[i] ?? '')) i++;
      }
      if ((src[i] === 'e' || src[i] === 'E') && /[-+0-9]/.test(src[i + 1] ?? '')) {
        isFloat = true;
        i++;
        if (src[i] === '+' || src[i] === '-') i++;
        if (!/[0-9]/.test(src[i] ?? '')) err('Malformed float literal', start);
        while (/[0-9]/.test(src[i] ?? '')) i++;
      }
      const text = src.slice(start, i);
      if (isFloat) tok('float', text, { float: Number(text) });
      else {
        const v = BigInt(text);
        // `-9223372036854775808` is unary minus applied to 2^63: allowed by the parser only there
        if (v > INT64_MAX + 1n) err('Integer literal out of range', start);
        tok('int', text, { int: v });
      }
      continue;
    }
    if (c === "'" || c === '"') {
      const s = readQuoted(src, i, false, err);
      i = s.end;
      tok('string', s.text);
      continue;
    }
    const two = src.slice(i, i + 2);
    const three = src.slice(i, i + 3);
    if (PUNCT3.includes(three)) { i += 3; tok('punct', three); continue; }
    if (PUNCT2.includes(two)) { i += 2; tok('punct', two); continue; }
    if (PUNCT1.includes(c)) { i++; tok('punct', c); continue; }
    // Characters that may appear in a literal path segment (e.g. /users/a~b).
    if (c === '~' || c === '@' || c === '&' || c === '|') { i++; tok('punct', c); continue; }
    err(`Unexpected character '${c}'`);
  }
  out.push({ kind: 'eof', text: '<EOF>', line, column: i - lineStart + 1, start: i, end: i });
  return out;
}

interface Quoted { text: string; bytes: Uint8Array; end: number }

/** Reads a quoted literal starting at the quote; decodes escapes unless raw. */
function readQuoted(src: string, at: number, raw: boolean, err: (m: string, at?: number) => never): Quoted {
  const q = src[at]!;
  if (src.slice(at, at + 3) === q.repeat(3)) err('Triple-quoted strings are not supported', at);
  let i = at + 1;
  const bytes: number[] = [];
  const pushStr = (s: string): void => { for (const b of Buffer.from(s, 'utf8')) bytes.push(b); };
  for (;;) {
    if (i >= src.length || src[i] === '\n') err('Unterminated string literal', at);
    const c = src[i]!;
    if (c === q) { i++; break; }
    if (c !== '\\' || raw) {
      const cp = src.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      pushStr(ch);
      i += ch.length;
      continue;
    }
    const e = src[i + 1];
    i += 2;
    const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, "'": 39, '"': 34, '`': 96, '?': 63 };
    if (e !== undefined && e in simple) { bytes.push(simple[e]!); continue; }
    const hex = (n: number): number => {
      const h = src.slice(i, i + n);
      if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) err('Malformed escape sequence', i - 2);
      i += n;
      return parseInt(h, 16);
    };
    if (e === 'x' || e === 'X') { bytes.push(hex(2)); continue; }
    if (e === 'u') { pushStr(String.fromCodePoint(hex(4))); continue; }
    if (e === 'U') {
      const cp = hex(8);
      if (cp > 0x10ffff) err('Code point out of range', i - 10);
      pushStr(String.fromCodePoint(cp));
      continue;
    }
    if (e !== undefined && /[0-3]/.test(e) && /^[0-7]{2}$/.test(src.slice(i, i + 2))) {
      bytes.push(parseInt(e + src.slice(i, i + 2), 8));
      i += 2;
      continue;
    }
    err(`Unknown escape sequence '\\${e ?? ''}'`, i - 2);
  }
  const buf = Uint8Array.from(bytes);
  return { text: Buffer.from(buf).toString('utf8'), bytes: buf, end: i };
}
