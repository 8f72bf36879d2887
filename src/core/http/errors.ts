/**
 * Typed errors, mapped to HTTP in one place (see error-handler.ts). Messages are catalogue keys, translated
 * when the response is written, so the same error speaks the user's language in pages and in the API.
 */
export interface FieldProblem {
  field: string;
  /** Catalogue key, e.g. 'validation.maxLength'. */
  key: string;
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    public readonly key: string,
    public readonly params: Record<string, string | number> = {},
    public readonly fields: FieldProblem[] = [],
  ) {
    super(`${code}: ${key}`);
  }
}

export class ValidationError extends AppError {
  constructor(fields: FieldProblem[], key = 'error.validation') {
    super(422, 'validation_failed', key, {}, fields);
  }
}
export class BadRequestError extends AppError {
  constructor(key = 'error.badRequest', params: Record<string, string | number> = {}, fields: FieldProblem[] = []) {
    super(400, 'bad_request', key, params, fields);
  }
}
export class NotFoundError extends AppError {
  constructor(key = 'error.notFound') {
    super(404, 'not_found', key);
  }
}
export class ForbiddenError extends AppError {
  constructor(key = 'error.forbidden') {
    super(403, 'forbidden', key);
  }
}
export class UnauthenticatedError extends AppError {
  constructor(key = 'error.unauthenticated') {
    super(401, 'unauthenticated', key);
  }
}
export class ConflictError extends AppError {
  constructor(key = 'error.conflict', params: Record<string, string | number> = {}, fields: FieldProblem[] = []) {
    super(409, 'conflict', key, params, fields);
  }
}
export class TooManyRequestsError extends AppError {
  constructor(key = 'error.tooManyRequests', params: Record<string, string | number> = {}, public readonly retryAfterSeconds = 60) {
    super(429, 'too_many_requests', key, params);
  }
}
export class PayloadTooLargeError extends AppError {
  constructor(key = 'error.payloadTooLarge', params: Record<string, string | number> = {}, fields: FieldProblem[] = []) {
    super(413, 'payload_too_large', key, params, fields);
  }
}
export class UnsupportedMediaTypeError extends AppError {
  constructor(key = 'error.unsupportedMediaType', params: Record<string, string | number> = {}, fields: FieldProblem[] = []) {
    super(415, 'unsupported_media_type', key, params, fields);
  }
}
