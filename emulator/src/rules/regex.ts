/**
 * Regular expressions with RE2 semantics, as the rules reference requires for
 * `string.matches/split/replace`. Backtracking-only features (backreferences,
 * lookaround) are refused by RE2's own parser: re2js is the JavaScript port of
 * RE2 the firebase JS SDK itself depends on, so we use it rather than adapting
 * JS RegExp. Compiled patterns are cached (patterns come from rules source).
 */
import { RE2JS } from 're2js';
import { RError } from './values';

const cache = new Map<string, RE2JS | RError>();
const CACHE_LIMIT = 500;

/** Compiles an RE2 pattern, or an error value naming the unsupported syntax. */
export function compileRegex(pattern: string): RE2JS | RError {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let out: RE2JS | RError;
  try {
    out = RE2JS.compile(pattern);
  } catch (e) {
    out = new RError(`Invalid RE2 regular expression '${pattern}': ${(e as Error).message}`);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, out);
  return out;
}
