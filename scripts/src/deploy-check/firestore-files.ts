/**
 * Check (d): do firestore.rules and firestore.indexes.json parse? `firebase
 * deploy` would send both to Google, which rejects a broken file only then.
 * The rules are compiled by the embedded emulator's rules compiler (the same
 * one that enforces them in every test run); the index file is validated
 * against the documented index definition format.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { CheckResult } from './runtime-support';

const order = z.enum(['ASCENDING', 'DESCENDING']);
const indexField = z.union([
  z.strictObject({ fieldPath: z.string().min(1), order }),
  z.strictObject({ fieldPath: z.string().min(1), arrayConfig: z.literal('CONTAINS') }),
  z.strictObject({ fieldPath: z.string().min(1), vectorConfig: z.strictObject({ dimension: z.int().positive(), flat: z.strictObject({}) }) }),
]);
const queryScope = z.enum(['COLLECTION', 'COLLECTION_GROUP']);
const indexesFile = z.strictObject({
  indexes: z.array(
    z.strictObject({
      collectionGroup: z.string().min(1),
      queryScope,
      density: z.enum(['SPARSE_ALL', 'SPARSE_ANY', 'DENSE']).optional(),
      fields: z.array(indexField).min(1),
    }),
  ),
  fieldOverrides: z
    .array(
      z.strictObject({
        collectionGroup: z.string().min(1),
        fieldPath: z.string().min(1),
        ttl: z.boolean().optional(),
        indexes: z.array(
          z.union([
            z.strictObject({ order, queryScope }),
            z.strictObject({ arrayConfig: z.literal('CONTAINS'), queryScope }),
          ]),
        ),
      }),
    )
    .optional(),
});

/** Pure: validates the text of firestore.indexes.json. */
export function checkIndexesText(text: string): CheckResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, lines: [`firestore.indexes.json is not JSON: ${(error as Error).message}`] };
  }
  const parsed = indexesFile.safeParse(json);
  if (!parsed.success) {
    return { ok: false, lines: parsed.error.issues.map((i) => `firestore.indexes.json ${i.path.join('.')}: ${i.message}`) };
  }
  return { ok: true, lines: [`firestore.indexes.json: ${parsed.data.indexes.length} composite indexes, ${parsed.data.fieldOverrides?.length ?? 0} field overrides`] };
}

interface RulesCompiler {
  compileRules(files: { name: string; content: string }[]): { ok: true } | { ok: false; issues: { line: number; column: number; message: string }[] };
}

/** Compiles firestore.rules with the embedded emulator's rules compiler. */
export function checkRulesFile(path: string): CheckResult {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the emulator workspace's build output, loaded at run time
  const compiler = require('@nff/firestore-emulator/lib/rules') as RulesCompiler;
  const result = compiler.compileRules([{ name: 'firestore.rules', content: readFileSync(path, 'utf8') }]);
  if (result.ok) return { ok: true, lines: ['firestore.rules compiles'] };
  return { ok: false, lines: result.issues.map((i) => `firestore.rules:${i.line}:${i.column}: ${i.message}`) };
}
