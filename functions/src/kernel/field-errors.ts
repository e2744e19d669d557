/** zod issues as the `errors` entries of a 400 problem (request validation, the KYC webhook). */
import type { z } from 'zod';
import type { FieldError } from './errors';

/** Turn zod issues into the problem's `errors` entries. */
export function toFieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  const fieldErrors: FieldError[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String);
    // An unrecognized key is reported at the key's own path, so clients can see
    // exactly which field they may not send.
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fieldErrors.push({ path: [...(prefix ? [prefix] : []), ...base, key].join('.'), message: 'Unknown or read-only field.' });
      continue;
    }
    fieldErrors.push({ path: [...(prefix ? [prefix] : []), ...base].join('.') || '(root)', message: issue.message });
  }
  return fieldErrors;
}
