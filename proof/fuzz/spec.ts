/**
 * The fuzzer's view of openapi.yaml: every operation with its path, query and
 * header parameters and its request body schema ($refs and `allOf` resolved),
 * so the request generators are driven by the committed contract rather than
 * by a hand-kept copy of it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

/** The subset of OpenAPI 3.0 schema keywords our contract uses. */
export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  example?: unknown;
  default?: unknown;
  allOf?: JsonSchema[];
  $ref?: string;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  operationId: string;
  method: 'get' | 'post' | 'patch' | 'delete';
  /** The path template as in openapi.yaml, e.g. /v1/admin/users/{uid}. */
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
  statuses: string[];
}

interface RawOperation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, unknown>;
}

interface RawDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

const document = parse(readFileSync(resolve(__dirname, '../../openapi.yaml'), 'utf8')) as RawDocument;

/** Inline $refs and merge `allOf` (zod-to-openapi emits `allOf: [$ref, {nullable}]` for nullable refs). */
export function resolveSchema(schema: JsonSchema): JsonSchema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components.schemas[name];
    if (!target) throw new Error(`unknown schema ${schema.$ref}`);
    return resolveSchema(target);
  }
  if (schema.allOf) {
    const merged: JsonSchema = {};
    for (const part of schema.allOf) Object.assign(merged, resolveSchema(part));
    const { allOf: _allOf, ...rest } = schema;
    return resolveSchema({ ...merged, ...rest });
  }
  const out: JsonSchema = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, resolveSchema(value)]));
  }
  if (schema.items) out.items = resolveSchema(schema.items);
  return out;
}

/** Every documented operation, in document order. */
export function operations(): Operation[] {
  const result: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const jsonBody = raw.requestBody?.content['application/json']?.schema;
      result.push({
        operationId: raw.operationId,
        method: method as Operation['method'],
        path,
        parameters: (raw.parameters ?? []).map((parameter) => ({ ...parameter, required: parameter.required === true, schema: resolveSchema(parameter.schema) })),
        body: jsonBody ? resolveSchema(jsonBody) : undefined,
        statuses: Object.keys(raw.responses),
      });
    }
  }
  return result;
}
