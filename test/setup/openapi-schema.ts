/**
 * A small checker of JSON values against the app's own OpenAPI 3.0 document — only the parts our
 * schemas use ($ref, allOf, nullable, type, format, pattern, enum, required, items, properties,
 * additionalProperties, minimum/maximum) — so a test can hold a real response to its documented
 * schema without a validator dependency.
 */

export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  format?: string;
  pattern?: string;
  enum?: unknown[];
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  minimum?: number;
  maximum?: number;
}

export interface Operation {
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const FORMATS: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  date: /^\d{4}-\d{2}-\d{2}$/,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
};

export function resolveRef(doc: OpenApiDoc, ref: string): Schema {
  const name = ref.replace('#/components/schemas/', '');
  const schema = doc.components.schemas[name];
  if (!schema) throw new Error(`dangling $ref ${ref}`);
  return schema;
}

const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Every way `value` departs from `schema`, as `path: problem` lines; empty when it conforms. */
export function schemaProblems(doc: OpenApiDoc, schema: Schema, value: unknown, path = '$'): string[] {
  if (schema.$ref) return schemaProblems(doc, resolveRef(doc, schema.$ref), value, path);
  if (value === null) return schema.nullable ? [] : [`${path}: null, but the schema does not say nullable`];
  if (value === undefined) return [`${path}: missing`];
  const out: string[] = [];
  for (const part of schema.allOf ?? []) out.push(...schemaProblems(doc, part, value, path));
  if (schema.enum && !schema.enum.includes(value)) out.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return [...out, `${path}: expected a string, got ${kind(value)}`];
      if (schema.pattern && !new RegExp(schema.pattern).test(value)) out.push(`${path}: "${value}" does not match ${schema.pattern}`);
      if (schema.format && FORMATS[schema.format] && !FORMATS[schema.format].test(value)) out.push(`${path}: "${value}" is not a ${schema.format}`);
      return out;
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return [...out, `${path}: expected ${schema.type === 'integer' ? 'an' : 'a'} ${schema.type}, got ${kind(value)}`];
      if (schema.type === 'integer' && !Number.isInteger(value)) out.push(`${path}: ${value} is not an integer`);
      if (schema.minimum !== undefined && value < schema.minimum) out.push(`${path}: ${value} < minimum ${schema.minimum}`);
      if (schema.maximum !== undefined && value > schema.maximum) out.push(`${path}: ${value} > maximum ${schema.maximum}`);
      return out;
    case 'boolean':
      return typeof value === 'boolean' ? out : [...out, `${path}: expected a boolean, got ${kind(value)}`];
    case 'array':
      if (!Array.isArray(value)) return [...out, `${path}: expected an array, got ${kind(value)}`];
      if (schema.items) value.forEach((v, i) => out.push(...schemaProblems(doc, schema.items!, v, `${path}[${i}]`)));
      return out;
  }
  if (schema.type === 'object' || schema.properties) {
    if (kind(value) !== 'object') return [...out, `${path}: expected an object, got ${kind(value)}`];
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (obj[key] === undefined) out.push(`${path}.${key}: required, but missing`);
    for (const [key, v] of Object.entries(obj)) {
      const prop = schema.properties?.[key];
      if (prop) out.push(...schemaProblems(doc, prop, v, `${path}.${key}`));
      // A key the schema does not name is drift, unless the object is free-form (no properties, or additionalProperties).
      else if (schema.properties && !schema.additionalProperties && !schema.allOf) out.push(`${path}.${key}: not in the documented schema`);
    }
  }
  return out;
}

/** The operation of `method` that serves a concrete `path` (`/api/v1/prospects/123` → `/api/v1/prospects/{id}`). */
export function findOperation(doc: OpenApiDoc, method: string, path: string): { template: string; operation: Operation } | null {
  const bare = path.split('?')[0];
  // Literal paths first: /prospects/pool must not be read as /prospects/{id}.
  const templates = Object.keys(doc.paths).sort((a, b) => a.split('{').length - b.split('{').length);
  for (const template of templates) {
    const re = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const operation = doc.paths[template][method.toLowerCase()];
    if (operation && re.test(bare)) return { template, operation };
  }
  return null;
}

/** Problems of a real JSON response against the schema documented for its route and status. */
export function responseProblems(doc: OpenApiDoc, method: string, path: string, status: number, body: unknown): string[] {
  const found = findOperation(doc, method, path);
  if (!found) return [`${method} ${path}: no such operation in the document`];
  const response = found.operation.responses?.[String(status)];
  if (!response) return [`${method} ${found.template}: status ${status} is not documented`];
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return [`${method} ${found.template}: ${status} documents no application/json schema`];
  return schemaProblems(doc, schema, body).map((p) => `${method} ${found.template} ${status} ${p}`);
}
