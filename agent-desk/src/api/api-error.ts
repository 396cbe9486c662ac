/** Field name → what is wrong with it, as the server words it (shown inline next to the field). */
export type FieldErrors = Record<string, string>;

/** The body every 4xx/5xx answer of the backend has. */
export type ApiErrorBody = { error: string; message: string; fields?: FieldErrors };

/** A failed API call, typed: forms read `fields`, pages read `status`/`code`, toasts read `message`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldErrors;

  constructor(status: number, code: string, message: string, fields: FieldErrors = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }

  /** Maps any HTTP error response into an ApiError, whether or not its body follows the API's shape. */
  static async fromResponse(response: Response): Promise<ApiError> {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    if (isApiErrorBody(body))
      return new ApiError(response.status, body.error, body.message, normalizeFields(body.fields));
    return new ApiError(
      response.status,
      codeForStatus(response.status),
      response.statusText || `HTTP ${response.status}`,
    );
  }

  /** The server could not be reached at all (offline, DNS, proxy down). */
  static network(cause: unknown): ApiError {
    const error = new ApiError(0, 'network_error', 'network_error');
    (error as { cause?: unknown }).cause = cause;
    return error;
  }

  get isValidation(): boolean {
    return this.status === 400 || this.status === 422;
  }

  get hasFieldErrors(): boolean {
    return Object.keys(this.fields).length > 0;
  }

  /** A route that is not deployed yet (another team's endpoint) answers 404/405/501: pages show an empty state. */
  get isMissingRoute(): boolean {
    return this.status === 404 || this.status === 405 || this.status === 501;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.error === 'string' && typeof v.message === 'string';
}

function normalizeFields(fields: unknown): FieldErrors {
  if (!fields || typeof fields !== 'object') return {};
  const result: FieldErrors = {};
  for (const [key, value] of Object.entries(fields as Record<string, unknown>)) {
    if (typeof value === 'string') result[key] = value;
    else if (Array.isArray(value)) result[key] = value.map(String).join(' ');
    else if (value != null) result[key] = String(value);
  }
  return result;
}

function codeForStatus(status: number): string {
  const codes: Record<number, string> = {
    400: 'bad_request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    409: 'conflict',
    422: 'unprocessable',
  };
  return codes[status] ?? (status >= 500 ? 'internal_error' : 'error');
}
