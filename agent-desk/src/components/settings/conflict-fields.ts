import type { ApiError } from '@/api/api-error';

/**
 * The server's field errors, plus a 409 whose code names one field (e-mail taken, extension taken) shown next to that
 * field: the user sees where to act, not only a banner.
 */
export function conflictAsFieldErrors(error: ApiError, byCode: Record<string, string>): Record<string, string> {
  const fields = { ...error.fields };
  const field = byCode[error.code];
  if (error.status === 409 && field && !fields[field]) fields[field] = error.message;
  return fields;
}
