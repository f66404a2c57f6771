import { signal } from '@angular/core';
import { Problem, problemOf } from './problem';

/** The server's answer to a failed write: a message for the form and messages per field. */
export class ServerErrors {
  readonly message = signal<string | null>(null);
  readonly fields = signal<Record<string, string[]>>({});

  /** Records the failure and returns it, e.g. to look at a 409's conflicts. */
  set(err: unknown): Problem {
    const p = problemOf(err);
    this.fields.set(p.fields);
    this.message.set(p.message);
    return p;
  }

  clear(): void {
    this.message.set(null);
    this.fields.set({});
  }

  of(field: string): string[] {
    return this.fields()[field] ?? [];
  }

  /** Whether the server named a field, so the form shows the messages at its fields rather than one above. */
  hasFields(): boolean {
    return Object.keys(this.fields()).length > 0;
  }
}
