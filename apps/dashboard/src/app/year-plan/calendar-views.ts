import { dayKey, fromDateOnly } from '../shared/dates';
import { Activity } from './year-plan.api';

export type Verdict = 'qualifies' | 'confirm' | 'not';
export type VerdictFilter = '' | Verdict;

export interface ActivityFilters {
  verdict: VerdictFilter;
  room: string;
  category: string;
  audience: string;
}

/** How an activity is shown: qualifies, qualifies once someone confirms something, or does not qualify. */
export function verdictOf(a: Activity): Verdict {
  if (!a.qualification.qualifies) return 'not';
  return a.qualification.needsConfirmation.length && !a.qualification.overridden ? 'confirm' : 'qualifies';
}

const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

export function filterActivities(items: Activity[], f: ActivityFilters): Activity[] {
  return items.filter(
    (a) =>
      (!f.verdict || (f.verdict === 'qualifies' ? a.qualification.qualifies : verdictOf(a) === f.verdict)) &&
      (!f.room || a.room?.id === f.room) &&
      (!f.category || a.category.some((c) => same(c, f.category))) &&
      (!f.audience || a.audience.some((c) => same(c, f.audience))),
  );
}

/** The distinct values of a list field, sorted, for a filter's options. */
export function optionsOf(items: Activity[], field: 'category' | 'audience'): string[] {
  const seen = new Map<string, string>();
  for (const a of items) for (const v of a[field]) if (!seen.has(v.toLowerCase())) seen.set(v.toLowerCase(), v);
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

export interface Day {
  key: string;
  date: Date;
  inMonth: boolean;
  items: Activity[];
}

/** Activities by the local day they start on. */
export function byDay(items: Activity[]): Map<string, Activity[]> {
  const days = new Map<string, Activity[]>();
  for (const a of items) {
    const key = dayKey(new Date(a.start));
    days.set(key, [...(days.get(key) ?? []), a]);
  }
  return days;
}

const addDays = (d: Date, n: number) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
/** The Monday on or before a day. */
export const mondayOf = (d: Date) => addDays(d, -((d.getDay() + 6) % 7));

/** The weeks (Monday to Sunday) that show a month, each day with its activities. */
export function monthWeeks(anchor: string, items: Activity[]): Day[][] {
  const first = fromDateOnly(anchor);
  const month = first.getMonth();
  const days = byDay(items);
  const weeks: Day[][] = [];
  for (let start = mondayOf(new Date(first.getFullYear(), month, 1)); ; start = addDays(start, 7)) {
    if (weeks.length && start.getMonth() !== month) break;
    weeks.push(Array.from({ length: 7 }, (_, i) => day(addDays(start, i), days, month)));
  }
  return weeks;
}

/** The seven days of the week holding `anchor`. */
export function weekDays(anchor: string, items: Activity[]): Day[] {
  const start = mondayOf(fromDateOnly(anchor));
  const days = byDay(items);
  return Array.from({ length: 7 }, (_, i) => day(addDays(start, i), days, null));
}

function day(date: Date, days: Map<string, Activity[]>, month: number | null): Day {
  const key = dayKey(date);
  return { key, date, inMonth: month === null || date.getMonth() === month, items: days.get(key) ?? [] };
}

/** Moves an anchor day by months or weeks; a month step lands on the 1st. */
export function step(anchor: string, unit: 'month' | 'week', by: number): string {
  const d = fromDateOnly(anchor);
  return dayKey(unit === 'month' ? new Date(d.getFullYear(), d.getMonth() + by, 1) : addDays(d, 7 * by));
}
