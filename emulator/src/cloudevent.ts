/**
 * Builds the CloudEvent the Firestore emulator posts for a 2nd-gen
 * (google.cloud.firestore.document.v1.*) trigger, in the shape the
 * firebase-tools 15 Functions emulator and firebase-functions 7 decode:
 *
 * - binary content mode: attributes in `ce-*` headers (the Functions runtime
 *   copies every `ce-*` header into the event: ce-document/ce-database/
 *   ce-project become event.document/.database/.project, which
 *   firebase-functions uses to name the snapshot and extract params);
 * - `Content-Type: application/protobuf` with the body being the
 *   google.events.cloud.firestore.v1.DocumentEventData bytes **base64-encoded**:
 *   the Functions emulator's trigger route base64-decodes protobuf bodies
 *   (functionsEmulator.js handleHttpsTrigger: `atob(reqBody)`) before handing
 *   raw bytes to the runtime, where firebase-functions decodes them with
 *   DocumentEventData.decode (it takes the protobuf path because data is a Buffer).
 */
import { randomUUID } from 'node:crypto';
import { toIsoString, type Micros } from './clock';
import { encodeDocument } from './proto';
import { valueKind } from './engine';
import { fieldsEqual, strictEqual } from './transforms';
import type { Document, Value } from './types';

/** The four event types (plus firebase-functions' withAuthContext variants). */
export const EVENT_TYPE_PREFIX = 'google.cloud.firestore.document.v1.';

/** A ready-to-send HTTP request. */
export interface OutgoingEvent {
  id: string;
  headers: Record<string, string>;
  body: string;
}

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Buffer.from(out);
}

function lengthDelimited(fieldNo: number, bytes: Buffer): Buffer {
  return Buffer.concat([varint((fieldNo << 3) | 2), varint(bytes.length), bytes]);
}

/**
 * Encodes google.events.cloud.firestore.v1.DocumentEventData
 * { Document value = 1; Document old_value = 2; DocumentMask update_mask = 3; }.
 * Its Document/Value messages share field numbers with google.firestore.v1,
 * so the firestore Document encoder produces the nested bytes.
 */
export function encodeDocumentEventData(value: Document | null, oldValue: Document | null, updateMask?: string[]): Buffer {
  const parts: Buffer[] = [];
  if (value) parts.push(lengthDelimited(1, encodeDocument(value)));
  if (oldValue) parts.push(lengthDelimited(2, encodeDocument(oldValue)));
  if (updateMask) {
    const mask = Buffer.concat(updateMask.map((p) => lengthDelimited(1, Buffer.from(p, 'utf8'))));
    parts.push(lengthDelimited(3, mask));
  }
  return Buffer.concat(parts);
}

/** Field paths that differ between two versions (descending into maps), for update events. */
export function changedFieldPaths(before: Record<string, Value> = {}, after: Record<string, Value> = {}, prefix = ''): string[] {
  const out: string[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const k of [...keys].sort()) {
    const seg = /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : '`' + k.replace(/\\/g, '\\\\').replace(/`/g, '\\`') + '`';
    const path = prefix ? `${prefix}.${seg}` : seg;
    const a = before[k];
    const b = after[k];
    if (a && b && valueKind(a) === 'mapValue' && valueKind(b) === 'mapValue') {
      if (!fieldsEqual(a.mapValue?.fields, b.mapValue?.fields)) out.push(...changedFieldPaths(a.mapValue?.fields, b.mapValue?.fields, path));
    } else if (!a || !b || !strictEqual(a, b)) {
      out.push(path);
    }
  }
  return out;
}

/** Builds the binary-mode CloudEvent for one document change. */
export function buildFirestoreEvent(opts: {
  eventType: string;
  project: string;
  database: string;
  namespace?: string;
  /** Document path below documents/, e.g. kycCases/c1 */
  document: string;
  before: Document | null;
  after: Document | null;
  time: Micros;
  location?: string;
}): OutgoingEvent {
  const update = opts.before && opts.after ? changedFieldPaths(opts.before.fields, opts.after.fields) : undefined;
  const data = encodeDocumentEventData(opts.after, opts.before, update);
  const id = randomUUID();
  const headers: Record<string, string> = {
    'content-type': 'application/protobuf',
    'ce-specversion': '1.0',
    'ce-id': id,
    'ce-type': opts.eventType,
    'ce-source': `//firestore.googleapis.com/projects/${opts.project}/databases/${opts.database}`,
    'ce-subject': `documents/${opts.document}`,
    'ce-time': toIsoString(opts.time),
    'ce-dataschema': 'https://github.com/googleapis/google-cloudevents/blob/main/proto/google/events/cloud/firestore/v1/data.proto',
    'ce-project': opts.project,
    'ce-database': opts.database,
    'ce-namespace': opts.namespace ?? '(default)',
    'ce-document': opts.document,
    'ce-location': opts.location ?? 'us-central1',
  };
  if (opts.eventType.endsWith('.withAuthContext')) {
    headers['ce-authtype'] = 'unknown';
  }
  return { id, headers, body: data.toString('base64') };
}
