import { HttpException, HttpStatus } from '@nestjs/common';

/** Field name → what is wrong with it, in words the user can act on. */
export type FieldErrors = Record<string, string>;

/** The one shape every 4xx body has: `{ error, message, fields? }`. */
export type ApiErrorBody = { error: string; message: string; fields?: FieldErrors; [extra: string]: unknown };

export class ApiError extends HttpException {
  constructor(
    status: HttpStatus,
    error: string,
    message: string,
    fields?: FieldErrors,
    extra?: Record<string, unknown>,
  ) {
    super({ error, message, ...(fields ? { fields } : {}), ...extra } satisfies ApiErrorBody, status);
  }

  static validation(fields: FieldErrors, message?: string): ApiError {
    return new ApiError(
      HttpStatus.BAD_REQUEST,
      'validation_failed',
      message ?? `Please correct these fields: ${Object.keys(fields).join(', ')}.`,
      fields,
    );
  }

  static notFound(what: string, id?: string): ApiError {
    return new ApiError(HttpStatus.NOT_FOUND, 'not_found', `${what}${id ? ` ${id}` : ''} was not found.`);
  }

  static conflict(error: string, message: string, extra?: Record<string, unknown>): ApiError {
    return new ApiError(HttpStatus.CONFLICT, error, message, undefined, extra);
  }

  /** A business rule refused a well-formed request (for example a stage's required fields are missing). */
  static unprocessable(
    error: string,
    message: string,
    fields?: FieldErrors,
    extra?: Record<string, unknown>,
  ): ApiError {
    return new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, error, message, fields, extra);
  }

  static forbidden(message: string): ApiError {
    return new ApiError(HttpStatus.FORBIDDEN, 'forbidden', message);
  }

  static unauthorized(message = 'Please sign in.'): ApiError {
    return new ApiError(HttpStatus.UNAUTHORIZED, 'unauthorized', message);
  }
}
