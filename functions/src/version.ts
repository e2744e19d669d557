/** Service identity reported by /v1/health and the OpenAPI document. */
export const SERVICE_NAME = 'novafacies-onboarding-api';
// Kept in step with functions/package.json by the openapi staleness check
// (the generated openapi.yaml embeds it).
export const SERVICE_VERSION = '0.1.0';
