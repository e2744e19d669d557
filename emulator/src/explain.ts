/**
 * Query explain (`explainOptions` on RunQuery and RunAggregationQuery):
 * answers `explainMetrics` with a plan summary from the index planner
 * (./indexes.ts) and, with `analyze`, execution statistics of the emulator's
 * own run.
 *
 * Which figures are measured and which are estimates (also in README.md):
 * - planSummary.indexesUsed: the indexes production would use according to
 *   our reading of its planner (firestore.indexes.json + automatic
 *   single-field indexes). When production would refuse the query for a
 *   missing index, strict mode fails the request as production does; without
 *   strict mode the needed index is listed with `missing_index: "true"`.
 * - resultsReturned: measured (documents, or 1 for an aggregation).
 * - executionDuration: measured wall time of the emulator's evaluation.
 * - debugStats.documents_scanned: measured — documents of the queried
 *   collection(s) the in-memory engine examined (it has no indexes, so this is
 *   every live document in scope, not what production would scan).
 * - debugStats.index_entries_scanned: estimate — the documents that matched
 *   the filters (what an exact index scan would visit).
 * - readOperations and billing_details: estimates by production's billing
 *   rules — one read per returned document (at least one per query); an
 *   aggregation one read per 1000 matched index entries (at least one).
 */
import type { Emulator, ReadContext } from './core';
import { executeQuery } from './engine';
import { aggregatedFields, planIndexes, queryCollections, runAggregation, runQuery } from './reads';
import type { Database } from './store';
import type { Document, StructuredAggregationQuery, StructuredQuery, Value } from './types';

/** google.firestore.v1.ExplainOptions */
export interface ExplainOptions {
  analyze?: boolean;
}

type JsonLike = string | { [k: string]: JsonLike };

/** A google.protobuf.Struct of strings and nested structs, as proto-loader encodes it. */
function toStruct(obj: Record<string, JsonLike>): object {
  const fields: Record<string, object> = {};
  for (const [k, v] of Object.entries(obj)) fields[k] = typeof v === 'string' ? { stringValue: v } : { structValue: toStruct(v) };
  return { fields };
}

function planSummary(emu: Emulator, parent: string, q: StructuredQuery, aggregated: string[] = []): object {
  const plan = planIndexes(emu, parent, q, aggregated); // throws in strict mode when an index is missing
  const used: Array<Record<string, JsonLike>> = plan.indexesUsed.map((u) => ({ ...u }));
  if (plan.missing) {
    const f = plan.missing.fields.map((x) => `${x.fieldPath} ${x.vectorConfig ? `VECTOR<${x.vectorConfig.dimension}>` : x.arrayConfig ?? (x.order === 'DESCENDING' ? 'DESC' : 'ASC')}`);
    used.push({
      query_scope: plan.missing.queryScope === 'COLLECTION_GROUP' ? 'Collection group' : 'Collection',
      properties: `(${[...f, '__name__ ASC'].join(', ')})`,
      missing_index: 'true',
    });
  }
  return { indexesUsed: used.map(toStruct) };
}

function duration(startNs: bigint): { seconds: string; nanos: number } {
  const ns = process.hrtime.bigint() - startNs || 1n; // never report a zero duration
  return { seconds: (ns / 1_000_000_000n).toString(), nanos: Number(ns % 1_000_000_000n) };
}

function stats(results: number, matched: number, scanned: number, reads: number, startNs: bigint): object {
  return {
    resultsReturned: String(results),
    executionDuration: duration(startNs),
    readOperations: String(reads),
    debugStats: toStruct({
      documents_scanned: String(scanned),
      index_entries_scanned: String(matched),
      billing_details: {
        documents_billable: String(results),
        index_entries_billable: String(matched),
        small_ops: '0',
        min_query_cost: results === 0 ? '1' : '0',
      },
    }),
  };
}

const scannedCount = (db: Database, parent: string, q: StructuredQuery, ctx: ReadContext): number =>
  [...db.documentsIn(queryCollections(db, parent, q), ctx.snapshot)].length;

/** Explains a query: without analyze, no documents; with analyze, the documents and their statistics. */
export async function explainQuery(
  emu: Emulator, db: Database, parent: string, q: StructuredQuery, ctx: ReadContext, options: ExplainOptions,
): Promise<{ documents: Document[]; explainMetrics: object }> {
  const summary = planSummary(emu, parent, q);
  if (!options.analyze) return { documents: [], explainMetrics: { planSummary: summary } };
  const start = process.hrtime.bigint();
  const documents = await runQuery(emu, db, parent, q, ctx);
  const executionStats = stats(documents.length, documents.length, scannedCount(db, parent, q, ctx), Math.max(1, documents.length), start);
  return { documents, explainMetrics: { planSummary: summary, executionStats } };
}

/** Explains an aggregation: without analyze, no result; with analyze, the result and its statistics. */
export async function explainAggregation(
  emu: Emulator, db: Database, parent: string, saq: StructuredAggregationQuery, ctx: ReadContext, options: ExplainOptions,
): Promise<{ fields?: Record<string, Value>; explainMetrics: object }> {
  const summary = planSummary(emu, parent, saq.structuredQuery, aggregatedFields(saq));
  if (!options.analyze) return { explainMetrics: { planSummary: summary } };
  const start = process.hrtime.bigint();
  const fields = await runAggregation(emu, db, parent, saq, ctx);
  const docs = db.documentsIn(queryCollections(db, parent, saq.structuredQuery), ctx.snapshot);
  const matched = executeQuery(parent, saq.structuredQuery, docs, { project: false }).length;
  const executionStats = stats(1, matched, scannedCount(db, parent, saq.structuredQuery, ctx), Math.max(1, Math.ceil(matched / 1000)), start);
  return { fields, explainMetrics: { planSummary: summary, executionStats } };
}
