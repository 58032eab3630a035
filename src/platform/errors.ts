export const errorStatus = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  VALIDATION: 422,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** A field error: the field name and a message key in the i18n catalogue (with optional params). */
export interface FieldError {
  field: string;
  message: string;
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  constructor(code: ErrorCode, message: string = code, fields: FieldError[] = []) {
    super(message);
    this.code = code;
    this.fields = fields;
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (): AppError => new AppError('NOT_FOUND');
export const forbidden = (): AppError => new AppError('FORBIDDEN');
export const validation = (fields: FieldError[]): AppError =>
  new AppError('VALIDATION', 'VALIDATION', fields);
