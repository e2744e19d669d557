/**
 * The KYC background work — the Firestore trigger, the sweep and the
 * hand-over they share — as one service built by the composition root
 * (composition.ts) with its dependencies. index.ts, triggers/ and tests call the methods;
 * the plain handlers (kyc.triggers.ts, kyc.sweep.ts, kyc.submission.ts) take
 * the dependencies as a parameter.
 */
import type { KycSettings } from '../config';
import type { Actor } from '../kernel/principal';
import type { KycProviderClient } from './kyc.provider';
import type { KycRepository } from './kyc.repository';
import { sweepKycCases, type SweepOptions, type SweepReport } from './kyc.sweep';
import { handOverToProvider, type HandoverOutcome } from './kyc.submission';
import { handleKycCaseWritten, type KycCaseWrittenEvent } from './kyc.triggers';

export interface KycWorkerDeps {
  cases: () => KycRepository;
  provider: () => KycProviderClient;
  settings: () => KycSettings;
}

/**
 * What the trigger needs of the applicant's account (the users feature's
 * AccountService, wired by the composition root): the profile mirror of the
 * case status, the custom claims, and whether the owner is deleted.
 */
export interface KycProfileSync {
  applyKycStatus(uid: string, update: { caseId: string; status: string; updatedAt: string }): Promise<string>;
  syncClaims(uid: string): Promise<{ outcome: string; revoked: boolean }>;
  isDeleted(uid: string): Promise<boolean>;
}

/** The trigger also mirrors the case into the profile and the claims. */
export interface KycTriggerDeps extends KycWorkerDeps {
  profiles: KycProfileSync;
}

export class KycWorker {
  constructor(private readonly deps: KycTriggerDeps) {}

  /** onKycCaseWritten: handle one write of a case (idempotent, safe to redeliver). */
  onCaseWritten(event: KycCaseWrittenEvent): Promise<void> {
    return handleKycCaseWritten(event, this.deps);
  }

  /** sweepKycCases: one run of the safety net. */
  sweep(options?: SweepOptions): Promise<SweepReport> {
    return sweepKycCases(this.deps, options);
  }

  /** Hand a case's current attempt to the provider (what the trigger and the sweep do). */
  handOver(caseId: string, candidateKey: string, actor: Actor, options?: { restart?: boolean }): Promise<HandoverOutcome> {
    return handOverToProvider(this.deps, caseId, candidateKey, actor, options);
  }
}
