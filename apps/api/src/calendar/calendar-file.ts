import type { ActivityStatus, Visibility } from '@app/domain';

/** One activity (one occurrence) read from a calendar file, in the shape the activities table stores. */
export interface CalendarActivity {
  /** Where it came from, for messages: `UID abc (line 12)` or `row 5`. */
  ref: string;
  sourceUid: string;
  /** '' for a single event; the occurrence key for one occurrence of a recurring event. */
  occurrence: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  allDay: boolean;
  location: string;
  categories: string[];
  audience: string[];
  capacity: number | null;
  registrations: number | null;
  waitlist: number | null;
  presenter: string;
  visibility: Visibility;
  status: ActivityStatus;
}

export interface FileProblem {
  line: number;
  message: string;
}

export interface Skipped {
  ref: string;
  reason: string;
}

export interface CalendarRead {
  format: 'ics' | 'csv';
  activities: CalendarActivity[];
  skipped: Skipped[];
  errors: FileProblem[];
  /** UIDs of recurring events, whose occurrences in the window the file lists completely. */
  recurringUids: string[];
}

export interface ReadOptions {
  /** The calendar year to import, and its window in the library's zone: only occurrences starting in it are read. */
  year: number;
  window: { from: Date; to: Date };
  /** The library's zone: floating times and CSV times without an offset are read in it. */
  zone: string;
  maxActivities: number;
  maxOccurrencesPerEvent: number;
}

/** Limits the error list so a garbage file gives a readable answer. */
export const MAX_REPORTED_ERRORS = 50;
