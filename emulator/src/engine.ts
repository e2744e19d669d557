/**
 * The single import point for the pure query engine (values.ts, query.ts),
 * so the server modules do not depend on its file layout.
 */
export { compareValues, valuesEqual, parseFieldPath, getField, setField, deleteField, valueKind, QueryError } from './values';
export { executeQuery, executeAggregation, documentMatches } from './query';
