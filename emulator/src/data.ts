/**
 * Export and import of whole databases in the readable JSON format of
 * json-format.ts. A database export is
 *   { "project": "demo-nff", "database": "(default)", "documents": { "users/u1": {...}, ... } }
 * and an emulator-wide export (CLI --import / --export-on-exit) is
 *   { "databases": [ <database export>, ... ] }.
 */
import type { Emulator } from './core';
import { invalidArgument } from './errors';
import { fieldsToJson, jsonToFields, type Json } from './json-format';
import { assertDocumentName } from './paths';

/** One database's data. */
export interface DatabaseExport {
  project: string;
  database: string;
  documents: Record<string, { [k: string]: Json }>;
}

/** Every non-empty database's data. */
export interface EmulatorExport {
  databases: DatabaseExport[];
}

const dbName = (project: string, database: string): string => `projects/${project}/databases/${database}`;

/** Exports one database, documents sorted by path. */
export function exportDatabase(emu: Emulator, project: string, database = '(default)'): DatabaseExport {
  const db = emu.db(dbName(project, database));
  const docs = [...db.allDocuments()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const documents: DatabaseExport['documents'] = {};
  for (const d of docs) documents[d.name.slice(db.root.length + 1)] = fieldsToJson(d.fields ?? {}, db.root);
  return { project, database, documents };
}

/** Exports every database that holds documents. */
export function exportAll(emu: Emulator): EmulatorExport {
  const out: DatabaseExport[] = [];
  for (const db of emu.store.databases()) {
    if (db.size() === 0) continue;
    const [, project, , database] = db.name.split('/');
    out.push(exportDatabase(emu, project!, database!));
  }
  return { databases: out };
}

/**
 * Imports one database. `replace` (the default) clears it first; otherwise
 * the documents are merged in (each listed document is overwritten).
 */
export function importDatabase(emu: Emulator, data: unknown, target: { project: string; database?: string }, replace = true): number {
  const obj = data as Partial<DatabaseExport> | null;
  if (!obj || typeof obj !== 'object' || typeof obj.documents !== 'object' || obj.documents === null) {
    throw invalidArgument('Import data must be an object with a "documents" map');
  }
  const name = dbName(target.project, target.database ?? obj.database ?? '(default)');
  const root = `${name}/documents`;
  const docs = Object.entries(obj.documents).map(([path, fields]) => {
    const full = `${root}/${path.replace(/^\/+/, '')}`;
    assertDocumentName(full, name);
    try {
      return { name: full, fields: jsonToFields(fields, root) };
    } catch (e) {
      throw invalidArgument(`Document "${path}": ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  emu.load(name, docs, replace);
  return docs.length;
}

/** Imports an emulator-wide export, or a single database export carrying its project. */
export function importAll(emu: Emulator, data: unknown, defaultProject?: string): number {
  const obj = data as Partial<EmulatorExport & DatabaseExport> | null;
  if (obj && Array.isArray(obj.databases)) {
    let n = 0;
    for (const d of obj.databases) n += importDatabase(emu, d, { project: d.project, database: d.database });
    return n;
  }
  const project = obj?.project ?? defaultProject;
  if (!project) throw invalidArgument('Import data names no project');
  return importDatabase(emu, data, { project, database: obj?.database });
}
