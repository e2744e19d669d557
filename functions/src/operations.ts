/**
 * Every REST operation of the API, grouped by feature in contract order
 * (openapi.yaml lists them in this order). app.ts mounts these groups and
 * openapi/document.ts registers them: one declaration each (kernel/operation.ts).
 */
import { adminUsersOperations } from './users/admin-users.operations';
import { apiKeysOperations } from './apikeys/apikeys.operations';
import { auditOperations } from './audit/audit.operations';
import { healthOperations } from './health/health.operations';
import { kycOperations } from './kyc/kyc.operations';
import { usageOperations } from './usage/usage.operations';
import { usersOperations } from './users/users.operations';

export const operationGroups = {
  health: healthOperations,
  users: usersOperations,
  adminUsers: adminUsersOperations,
  apiKeys: apiKeysOperations,
  audit: auditOperations,
  kyc: kycOperations,
  usage: usageOperations,
};
