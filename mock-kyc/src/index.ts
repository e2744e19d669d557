/**
 * @nff/mock-kyc — a local, offline KYC provider for the NovaFacies stack and
 * its tests. Importing this module has no side effects; call createMockKyc().
 */
export { createMockKyc, type MockKyc, type RunningMockKyc } from './app';
export { DEFAULTS, type MockKycConfig, type ResolvedConfig, type RetryPolicy } from './config';
export type { DeliveryAttempt, DeliveryCopy } from './dispatcher';
export { NO_FAULTS, type FaultSettings, type FaultState } from './faults';
export type { Logger } from './log';
export { SANDBOX_RULES, sandboxPlan, type SandboxPlan, type SandboxRule } from './outcomes';
export {
  buildSignatureHeader,
  checkSignature,
  DEFAULT_TOLERANCE_SECONDS,
  parseSignatureHeader,
  signPayload,
  SIGNATURE_HEADER,
  verifySignature,
  type ParsedSignature,
  type SignatureCheck,
  type SignatureFailure,
} from './signature';
export type { Applicant, ApplicantInput, Check, CheckStatus, HoldReview, KycEvent, KycEventType, RejectType, Review, ReviewAnswer } from './store';
