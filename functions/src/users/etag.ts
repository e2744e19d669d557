/**
 * ETags for profiles: the profile `version`, as a strong entity tag ("7").
 * If-Match uses the strong comparison of RFC 9110 §13.1.1: `*` or a list
 * containing exactly the current tag matches; weak tags (W/"7") never do.
 */

/** The ETag header value for a version. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** True when there is no If-Match header, or it matches `version`. */
export function ifMatchSatisfied(ifMatch: string | undefined, version: number): boolean {
  if (ifMatch === undefined) return true;
  const candidates = ifMatch.split(',').map((tag) => tag.trim());
  return candidates.includes('*') || candidates.includes(etagOf(version));
}
