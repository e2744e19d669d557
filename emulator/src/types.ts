/**
 * Wire-level types shared by every module of the embedded emulator.
 *
 * They mirror the objects @grpc/proto-loader produces for google.firestore.v1
 * when loaded with the options in `PROTO_LOADER_OPTIONS` (camelCase field
 * names, int64 as decimal strings, enums as their string names, no defaults
 * filled in, and a virtual string property naming the chosen member of each
 * oneof). Keeping the proto shape end to end means a document is never
 * converted between representations on the hot path: what a Commit carries is
 * stored as is and returned as is.
 */
import type { FindNearest } from './vector';

/** Options passed to protoLoader.loadSync; the types below assume exactly these. */
export const PROTO_LOADER_OPTIONS = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: false,
  oneofs: true,
} as const;

/** google.protobuf.Timestamp with int64 seconds as a decimal string. */
export interface Timestamp {
  seconds: string | number;
  nanos?: number;
}

/** google.type.LatLng */
export interface LatLng {
  latitude?: number;
  longitude?: number;
}

/**
 * google.firestore.v1.Value. Exactly one member is set; `valueType` names it on
 * decoded requests (it is ignored when encoding a response, so values built by
 * the emulator may omit it).
 */
export interface Value {
  valueType?: string;
  nullValue?: 'NULL_VALUE' | number;
  booleanValue?: boolean;
  integerValue?: string | number;
  doubleValue?: number;
  timestampValue?: Timestamp;
  stringValue?: string;
  bytesValue?: Buffer | Uint8Array | string;
  referenceValue?: string;
  geoPointValue?: LatLng;
  arrayValue?: { values?: Value[] };
  mapValue?: { fields?: Record<string, Value> };
}

/** google.firestore.v1.Document as stored and returned. */
export interface Document {
  /** Full resource name: projects/{p}/databases/{d}/documents/{path} */
  name: string;
  fields?: Record<string, Value>;
  createTime?: Timestamp;
  updateTime?: Timestamp;
}

export interface FieldReference {
  fieldPath: string;
}

export interface FieldFilter {
  field: FieldReference;
  op: string;
  value: Value;
}

export interface UnaryFilter {
  op: string;
  field: FieldReference;
  operandType?: string;
}

export interface CompositeFilter {
  op: 'AND' | 'OR' | string;
  filters?: Filter[];
}

export interface Filter {
  filterType?: string;
  compositeFilter?: CompositeFilter;
  fieldFilter?: FieldFilter;
  unaryFilter?: UnaryFilter;
}

export interface Order {
  field: FieldReference;
  direction?: 'ASCENDING' | 'DESCENDING' | 'DIRECTION_UNSPECIFIED' | string;
}

export interface Cursor {
  values?: Value[];
  before?: boolean;
}

export interface CollectionSelector {
  collectionId?: string;
  allDescendants?: boolean;
}

/** google.firestore.v1.StructuredQuery (the parts firebase-admin 13 sends). */
export interface StructuredQuery {
  select?: { fields?: FieldReference[] };
  from?: CollectionSelector[];
  where?: Filter;
  orderBy?: Order[];
  startAt?: Cursor;
  endAt?: Cursor;
  /** google.protobuf.Int32Value */
  offset?: number;
  limit?: { value?: number } | number;
  /** Vector search (./vector.ts). */
  findNearest?: FindNearest;
}

export interface Aggregation {
  alias?: string;
  operator?: string;
  count?: { upTo?: { value?: string | number } };
  sum?: { field: FieldReference };
  avg?: { field: FieldReference };
}

export interface StructuredAggregationQuery {
  structuredQuery: StructuredQuery;
  aggregations?: Aggregation[];
}
