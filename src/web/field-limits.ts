import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = { $ref?: string; type?: string; maxLength?: number; items?: Schema; properties?: Record<string, Schema> };

/** A text field of a request body and the most characters it takes. */
export interface FieldLimit {
  field: string;
  maxLength: number;
}

/**
 * The text fields each write route takes, with their limits, as the API documentation declares them: so
 * that a body refused as too large can say which field limits apply (a commentary takes 20,000 characters,
 * far below the body's 1 MB), keyed `METHOD /api/plans/:planId/…` as the router names routes.
 */
export function fieldLimitsOf(document: OpenAPIObject): Map<string, FieldLimit[]> {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const resolve = (schema: Schema | undefined): Schema | undefined =>
    schema?.$ref ? schemas[schema.$ref.slice(schema.$ref.lastIndexOf('/') + 1)] : schema;
  const limitsOf = (schema: Schema | undefined, prefix: string, depth: number): FieldLimit[] =>
    Object.entries(resolve(schema)?.properties ?? {}).flatMap(([name, property]): FieldLimit[] => {
      const field = `${prefix}${name}`;
      if (typeof property.maxLength === 'number') return [{ field, maxLength: property.maxLength }];
      if (property.type === 'array' && depth < 2) {
        const item = resolve(property.items);
        if (typeof item?.maxLength === 'number') return [{ field: `${field}[]`, maxLength: item.maxLength }];
        return limitsOf(item, `${field}[].`, depth + 1);
      }
      return [];
    });
  const routes = new Map<string, FieldLimit[]>();
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations as Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>)) {
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      if (!schema) continue;
      const limits = limitsOf(schema, '', 0).sort((a, b) => b.maxLength - a.maxLength);
      if (limits.length > 0) routes.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, limits);
    }
  }
  return routes;
}

const characters = (n: number) => `${n.toLocaleString('en-GB')} characters`;

/** What a 413 says of the route's own limits: the longest fields first, each with the most it takes. */
export function tooLargeFields(limits: readonly FieldLimit[]): { detail: string; errors: Array<{ field: string; message: string }> } {
  const longest = limits.slice(0, 3);
  return {
    detail: `No field of this request takes anywhere near that much: ${longest.map((l) => `${l.field} takes at most ${characters(l.maxLength)}`).join(', ')}.`,
    errors: longest.map((l) => ({ field: l.field, message: `at most ${characters(l.maxLength)}` })),
  };
}
