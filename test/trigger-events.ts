/**
 * Firestore trigger events for calling a trigger's plain handler directly:
 * `Change`s of real firebase-admin DocumentSnapshots, built the way
 * firebase-functions builds them from a delivered CloudEvent
 * (`Firestore#snapshot_`, the hook firebase-functions itself uses).
 *
 * Replaces firebase-functions-test, whose snapshot builder calls the
 * namespaced `admin.firestore()` API that firebase-admin 14 removed.
 */
import type { DocumentSnapshot, Firestore } from 'firebase-admin/firestore';
import { Timestamp } from 'firebase-admin/firestore';
import { Change } from 'firebase-functions';

/** The firebase-admin internals firebase-functions relies on to build trigger snapshots. */
interface SnapshotInternals {
  _serializer: { encodeFields(data: Record<string, unknown>): Record<string, unknown> };
  snapshot_(documentOrName: unknown, readTime: { seconds: number; nanos: number }, encoding: 'protobufJS'): DocumentSnapshot;
}

/** Snapshot and Change builders bound to one Firestore instance. */
export function triggerEvents(db: Firestore, projectId = process.env.GCLOUD_PROJECT ?? 'demo-nff') {
  const internals = db as unknown as SnapshotInternals;
  return {
    /** `{}` makes the snapshot of a document that does not exist. */
    makeDocumentSnapshot(data: Record<string, unknown>, path: string): DocumentSnapshot {
      const name = `projects/${projectId}/databases/${db.databaseId}/documents/${path}`;
      const now = Timestamp.now();
      const time = { seconds: now.seconds, nanos: now.nanoseconds };
      if (Object.keys(data).length === 0) return internals.snapshot_(name, time, 'protobufJS');
      const document = { name, fields: internals._serializer.encodeFields(data), createTime: time, updateTime: time };
      return internals.snapshot_(document, time, 'protobufJS');
    },
    makeChange(before: DocumentSnapshot, after: DocumentSnapshot): Change<DocumentSnapshot> {
      return new Change(before, after);
    },
  };
}
