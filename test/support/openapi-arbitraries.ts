import fc from 'fast-check';

/** The parts of an OpenAPI 3 document a fuzz test reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  example?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
}
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}
export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
}
export interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>
  >;
  components: { schemas: Record<string, Schema> };
}

/** Every operation of the document, with its parameters and its JSON body's schema. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      ...(op.requestBody ? { body: op.requestBody.content['application/json']?.schema } : {}),
    })),
  );
}

/** Text a client should not send: control characters, escapes, numbers out of range, words the code knows. */
const nasty = fc.constantFrom(
  '',
  ' ',
  '..',
  '%',
  '%zz',
  '\u0000',
  '\uFFFF',
  '\uD800',
  'x'.repeat(5000),
  '{"a":1}',
  '[',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '-1',
  '1e308',
  '-0',
  'NaN',
  'Infinity',
  'null',
  'true',
  '__proto__',
  'constructor',
  '2025-02-30',
  '2025-26 Q5',
  '9999-12-31T23:59:59Z',
  '2025-09-30T25:00:00Z',
  '*',
);

/** Any text, printable or not, with now and then something chosen to hurt. */
export const junkText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: nasty },
);

/** JSON of any shape, deep or not. */
export const junkJson = fc.oneof(fc.jsonValue({ maxDepth: 4 }), junkText, fc.double(), fc.integer(), fc.constant(null));

const resolve = (doc: OpenApiDocument, schema: Schema): Schema =>
  schema.$ref ? resolve(doc, doc.components.schemas[schema.$ref.split('/').pop()!]!) : schema;

/**
 * Values for a schema that are often nearly right (known enum values, the documented example, the right
 * type) and often wrong (another type, junk), so that requests get past the first check and into the
 * deeper ones; objects leave out fields at random and gain ones nobody asked for.
 */
export function valueFor(doc: OpenApiDocument, given: Schema, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(doc, given);
  const plausible: fc.Arbitrary<unknown>[] = [];
  if (schema.enum) plausible.push(fc.constantFrom(...schema.enum));
  if (schema.example !== undefined) plausible.push(fc.constant(schema.example));
  switch (schema.type) {
    case 'object': {
      if (depth > 3 || !schema.properties) break;
      const fields = Object.fromEntries(
        Object.entries(schema.properties).map(([name, s]) => [name, valueFor(doc, s, depth + 1)]),
      );
      const extra = fc.dictionary(
        fc.oneof(junkText, fc.constantFrom('constructor', 'prototype', 'actor', 'expectedRevision')),
        junkJson,
        { maxKeys: 2 },
      );
      plausible.push(
        fc
          .tuple(fc.record(fields, { requiredKeys: [] }), fc.option(extra, { nil: undefined }))
          .map(([record, more]) => ({ ...record, ...more })),
      );
      break;
    }
    case 'array':
      if (depth > 3 || !schema.items) break;
      plausible.push(fc.array(valueFor(doc, schema.items, depth + 1), { maxLength: 4 }));
      break;
    case 'string':
      plausible.push(junkText);
      break;
    case 'number':
    case 'integer':
      plausible.push(fc.oneof(fc.integer({ min: -3, max: 1000 }), fc.double(), fc.constantFrom(1e308, -1e308, 2 ** 53, -0.5)));
      break;
    case 'boolean':
      plausible.push(fc.boolean());
      break;
  }
  return plausible.length === 0
    ? junkJson
    : fc.oneof({ weight: 4, arbitrary: fc.oneof(...plausible) }, { weight: 1, arbitrary: junkJson });
}
