import { Injectable, Pipe, PipeTransform, inject, signal } from '@angular/core';
import { Lang, MessageKey, messages } from './messages';

const STORAGE_KEY = 'lang';

/** The chosen language (Dutch by default, remembered per browser) and message lookup. */
@Injectable({ providedIn: 'root' })
export class I18n {
  readonly lang = signal<Lang>(this.initial());

  t(key: MessageKey, params: Record<string, string | number> = {}): string {
    const text: string = messages[this.lang()][key] ?? key;
    return text.replace(/\{(\w+)\}/g, (_, p: string) => String(params[p] ?? `{${p}}`));
  }

  /** A number written the way the chosen language writes it (2.214,5 in Dutch, 2,214.5 in English). */
  number(value: number, maxFractionDigits = 0): string {
    return new Intl.NumberFormat(this.lang() === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: maxFractionDigits }).format(value);
  }

  toggle(): void {
    this.set(this.lang() === 'nl' ? 'en' : 'nl');
  }

  set(lang: Lang): void {
    this.lang.set(lang);
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      /* private mode */
    }
  }

  private initial(): Lang {
    try {
      const saved = localStorage.getItem(STORAGE_KEY);
      if (saved === 'nl' || saved === 'en') return saved;
    } catch {
      /* private mode */
    }
    return 'nl';
  }
}

/** `{{ 'login.title' | t }}` — impure so it follows the language signal. */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18n);
  transform(key: MessageKey, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params);
  }
}
