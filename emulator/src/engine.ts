/**
 * The single import point for the pure query engine (values.ts,
 * field-paths.ts, filters.ts, query.ts, aggregation.ts), so the server
 * modules do not depend on its file layout.
 */
export { compareValues, valuesEqual, valueKind, QueryError } from './values';
export { parseFieldPath, getField, setField, deleteField } from './field-paths';
export { executeQuery, documentMatches, prepareQuery } from './query';
export { executeAggregation } from './aggregation';
