import { HttpErrorResponse } from '@angular/common/http';

/** What went wrong with an API call, in the shape the API answers: a message and, for a 400, the bad fields. */
export interface Problem {
  status: number;
  /** The server's own explanation ('' when it gave none). */
  message: string;
  /** Field name → messages, from a 400 of the validation pipe. */
  fields: Record<string, string[]>;
  body: Record<string, unknown>;
}

export function problemOf(err: unknown): Problem {
  if (!(err instanceof HttpErrorResponse)) return { status: 0, message: '', fields: {}, body: {} };
  const body = (err.error && typeof err.error === 'object' ? err.error : {}) as Record<string, unknown>;
  const raw = body['message'];
  const fields = body['fields'] && typeof body['fields'] === 'object' ? (body['fields'] as Record<string, string[]>) : {};
  const message = Array.isArray(raw) ? raw.join(' ') : typeof raw === 'string' ? raw : '';
  return { status: err.status, message, fields, body };
}
