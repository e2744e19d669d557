/**
 * Matching a document path against a match block's full pattern
 * (https://firebase.google.com/docs/firestore/security/rules-structure).
 *
 * A block applies only when its whole pattern matches the whole path
 * (`/databases/{database}/documents` included). `{x}` binds one segment as a
 * string; `{x=**}` binds a path: one or more segments (and only at the end)
 * under rules_version '1', zero or more anywhere under '2'.
 */
import type { PatternSeg } from './ast';
import { RPath, type Result } from './values';

/** Path variables bound by a match (Unknown ones only during query authorization). */
export type Bindings = Record<string, Result>;

/** Returns the variable bindings, or null when the pattern does not match. */
export function matchPath(pattern: readonly PatternSeg[], segs: readonly string[], version: '1' | '2'): Bindings | null {
  const out: Bindings = {};
  return go(pattern, 0, segs, 0, version, out) ? out : null;
}

function go(p: readonly PatternSeg[], pi: number, s: readonly string[], si: number, v: '1' | '2', out: Bindings): boolean {
  if (pi === p.length) return si === s.length;
  const seg = p[pi]!;
  if (seg.kind === 'rest') {
    const min = v === '1' ? 1 : 0;
    for (let end = s.length; end >= si + min; end--) {
      if (go(p, pi + 1, s, end, v, out)) {
        out[seg.name] = new RPath(s.slice(si, end));
        return true;
      }
    }
    return false;
  }
  if (si >= s.length) return false;
  if (seg.kind === 'literal' ? seg.text !== s[si] : false) return false;
  if (!go(p, pi + 1, s, si + 1, v, out)) return false;
  if (seg.kind === 'var') out[seg.name] = s[si]!;
  return true;
}
