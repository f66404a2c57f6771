import { Pipe, PipeTransform, inject } from '@angular/core';
import { I18n } from '../i18n/i18n';
import { Lang } from '../i18n/messages';

const LOCALES: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };
const STYLES = {
  date: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
  datetime: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  time: { hour: '2-digit', minute: '2-digit' },
  weekday: { weekday: 'short' },
  month: { month: 'long', year: 'numeric' },
  day: { weekday: 'long', day: 'numeric', month: 'long' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
export type DateStyle = keyof typeof STYLES;

export function formatDate(value: string | Date | null | undefined, style: DateStyle, lang: Lang): string {
  if (!value) return '';
  const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? fromDateOnly(value) : new Date(value);
  return new Intl.DateTimeFormat(LOCALES[lang], STYLES[style]).format(d);
}

/** `{{ start | when: 'datetime' }}`, in the chosen language; impure so it follows a language switch. */
@Pipe({ name: 'when', pure: false })
export class WhenPipe implements PipeTransform {
  private readonly i18n = inject(I18n);
  transform(value: string | Date | null | undefined, style: DateStyle = 'datetime'): string {
    return formatDate(value, style, this.i18n.lang());
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A local calendar day as YYYY-MM-DD. */
export const dayKey = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Midnight (local) of a YYYY-MM-DD day. */
export function fromDateOnly(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d);
}

/** An instant as the value of an <input type="datetime-local"> (local time). */
export function toLocalInput(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  return `${dayKey(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value as an instant with its offset, as the API wants it. */
export function fromLocalInput(value: string): string {
  return new Date(value).toISOString();
}
