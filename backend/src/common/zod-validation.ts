import { Body, Query, type PipeTransform } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiError, type FieldErrors } from './api-error.js';

export function zodIssuesToFields(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Parses input with a zod schema; a failure is a 400 naming each offending field. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value ?? {});
    if (!result.success) throw ApiError.validation(zodIssuesToFields(result.error.issues));
    return result.data;
  }
}

/** Parses input with a schema outside a controller (services, webhooks, imports). */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  return new ZodValidationPipe(schema).transform(value);
}

function openApiSchemaOf(schema: z.ZodType): Record<string, unknown> {
  try {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    delete json.$schema;
    return json;
  } catch {
    return { type: 'object' };
  }
}

/** `@ValidBody(schema) body: z.infer<typeof schema>`: validates and documents the request body in OpenAPI. */
export function ValidBody(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Body(new ZodValidationPipe(schema))(target, key, index);
    if (key !== undefined) {
      const descriptor = Object.getOwnPropertyDescriptor(target, key);
      if (descriptor) ApiBody({ schema: openApiSchemaOf(schema) as never })(target, key, descriptor);
    }
  };
}

/** `@ValidQuery(schema) query: z.infer<typeof schema>`: validates the query string. */
export function ValidQuery(schema: z.ZodObject): ParameterDecorator {
  return (target, key, index) => {
    Query(new ZodValidationPipe(schema))(target, key, index);
    if (key !== undefined) {
      const descriptor = Object.getOwnPropertyDescriptor(target, key);
      if (descriptor)
        for (const [name, field] of Object.entries(schema.shape)) {
          ApiQuery({
            name,
            required: !(field as z.ZodType).safeParse(undefined).success,
            schema: openApiSchemaOf(field as z.ZodType) as never,
          })(target, key, descriptor);
        }
    }
  };
}
