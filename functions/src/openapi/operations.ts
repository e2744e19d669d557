/** Registers operation declarations (kernel/operation.ts) in the contract. */
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Operation } from '../kernel/operation';

/** The OpenAPI request object of a declaration: its schemas, the body as required JSON. */
function requestOf(operation: Operation<unknown>): RouteConfig['request'] {
  const { params, query, body } = operation.request ?? {};
  const headers = operation.docs.requestHeaders;
  if (!params && !query && !body && !headers) return undefined;
  return {
    ...(params ? { params: params as never } : {}),
    ...(query ? { query: query as never } : {}),
    ...(headers ? { headers } : {}),
    ...(body ? { body: { required: true, content: { 'application/json': { schema: body } } } } : {}),
  };
}

/** Add each operation to the contract, in order. */
export function registerOperations(registry: OpenAPIRegistry, operations: readonly Operation<never>[]): void {
  for (const operation of operations) {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- requestHeaders is folded into `request`
    const { requestHeaders, ...docs } = operation.docs;
    const request = requestOf(operation as Operation<unknown>);
    registry.registerPath({ method: operation.method, path: operation.path, ...docs, ...(request ? { request } : {}) });
  }
}
