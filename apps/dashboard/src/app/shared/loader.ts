import { signal } from '@angular/core';
import { problemOf } from './problem';

/** A read with its loading and error state, for a screen to show all three. */
export class Loader<T> {
  readonly value = signal<T | null>(null);
  readonly loading = signal(false);
  /** The server's message, '' for a generic failure, null when fine. */
  readonly error = signal<string | null>(null);

  constructor(private readonly fetch: () => Promise<T>) {}

  async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      this.value.set(await this.fetch());
    } catch (err) {
      this.error.set(problemOf(err).message);
    } finally {
      this.loading.set(false);
    }
  }
}
