/** PostgreSQL error fields, whether the driver (pg, PGlite) threw them directly or Drizzle wrapped them in `cause`. */
type PostgresErrorFields = { code?: string; constraint?: string; detail?: string };

function postgresFields(error: unknown): PostgresErrorFields | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const fields = current as PostgresErrorFields & { cause?: unknown };
    if (typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code)) return fields;
    current = fields.cause;
  }
  return undefined;
}

/** A unique index refused the row (23505); with `constraint`, only that index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const fields = postgresFields(error);
  return fields?.code === '23505' && (!constraint || fields.constraint === constraint);
}

export function isForeignKeyViolation(error: unknown): boolean {
  return postgresFields(error)?.code === '23503';
}

/** A delete was refused because other rows still point at the row: ON DELETE RESTRICT (23001) or NO ACTION (23503). */
export function isStillReferenced(error: unknown): boolean {
  const code = postgresFields(error)?.code;
  return code === '23001' || code === '23503';
}

export function violatedConstraint(error: unknown): string | undefined {
  return postgresFields(error)?.constraint;
}
