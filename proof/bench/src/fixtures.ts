/**
 * The benchmark's data set: who calls, which users fill the admin listing,
 * and the positions of the listing's first and deep pages. Built once per
 * run, after the stack is up and before any server is measured.
 */
import { EXAMPLE_KYC_SUBMISSION } from '../../../functions/lib/kyc/kyc.schemas';
import type { Identity } from './load';
import { createBenchUsers, seedProfiles } from './seed';
import { SAME_WORK_PROFILES } from './samework';

export interface BenchOptions {
  /** Seconds per measured run. */
  duration: number;
  /** Measured runs per route and server, alternating which server goes first. */
  rounds: number;
  /** Concurrent connections per in-process run. */
  connections: number;
  /** POST /v1/me/kyc requests per server (each a new user). */
  kycRequests: number;
  /** Synthetic profiles in the admin listing. */
  listUsers: number;
  pageSize: number;
  /** Seconds of unmeasured warm-up per server and route. */
  warmup: number;
  coldStartSamples: number;
  /** Absolute GET /v1/me numbers through the Functions emulator (0 = skip). */
  emulatorConnections: number;
}

export interface Fixtures {
  /** Callers of GET/PATCH /v1/me, one per connection (more for the emulator run). */
  meUsers: Identity[];
  admin: Identity;
  /** Fresh users for POST /v1/me/kyc, one slice per round, shared by the baseline and the app runs. */
  kycUsers: Identity[];
  /** Fresh users for the unmeasured KYC warm-up of each server. */
  kycWarmupUsers: Identity[];
  /** uid of the first item of the deep page and the uid just before it. */
  deepPage: { index: number; afterUid: string; firstUid: string };
}

const ME_USERS = 64;
const KYC_WARMUP_USERS = 300; // split between the three servers

/** KYC identities one round needs (each connection takes one more than it sends). */
export const kycSliceSize = (options: BenchOptions): number => options.kycRequests + options.connections + 1;

/** Pad like the seeding does, so ids sort in numeric order. */
const listUid = (i: number): string => `bench-list-${String(i).padStart(6, '0')}`;

export async function buildFixtures(authUrl: string, options: BenchOptions): Promise<Fixtures> {
  const meUsers = await createBenchUsers(authUrl, 'bench-me', Math.max(ME_USERS, options.connections));
  const [admin] = await createBenchUsers(authUrl, 'bench-admin', 1, ['admin']);
  // Each identity is used once per server; a connection takes one more at the end.
  const kycUsers = await createBenchUsers(authUrl, 'bench-xkyc', options.rounds * kycSliceSize(options));
  const kycWarmupUsers = await createBenchUsers(authUrl, 'bench-xkycw', KYC_WARMUP_USERS);
  const listUids = Array.from({ length: options.listUsers }, (_, i) => listUid(i));
  // KYC applicants get profiles too: for a real user the Auth onCreate trigger
  // provisions it at sign-up, so POST /v1/me/kyc finds it (first-call
  // provisioning would otherwise add a read, an Auth lookup and a write).
  const kycUids = [...kycUsers, ...kycWarmupUsers].map((u) => u.uid);
  await seedProfiles([...meUsers.map((u) => u.uid), admin.uid, ...listUids, ...kycUids]);
  // The same-work PATCH updates a copy of each caller's profile (samework.ts).
  await seedProfiles(meUsers.map((u) => u.uid), SAME_WORK_PROFILES);
  // Listing order is by uid: bench-admin-…, bench-list-…, bench-me-…, bench-xkyc….
  // The deep page is the last full page of synthetic users, reached via cursors.
  const index = Math.max(1, Math.floor((options.listUsers + 1) / options.pageSize) - 1);
  const firstPosition = index * options.pageSize; // 0-based position in the listing
  const uidAt = (position: number): string => (position === 0 ? admin.uid : listUid(position - 1));
  return { meUsers, admin, kycUsers, kycWarmupUsers, deepPage: { index, afterUid: uidAt(firstPosition - 1), firstUid: uidAt(firstPosition) } };
}

/** An identity source that hands out each identity once. */
export function once(pool: Identity[]): () => Identity | undefined {
  let next = 0;
  return () => pool[next++];
}

/** An identity source that cycles through the pool. */
export function cycle(pool: Identity[]): () => Identity {
  let next = 0;
  return () => pool[next++ % pool.length];
}

/** A valid KYC submission: the contract's example applicant. */
export const KYC_SUBMISSION = EXAMPLE_KYC_SUBMISSION;
