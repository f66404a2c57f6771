import { UsersAndAudit1764370000000 } from './1764370000000-users-and-audit';
import { RoomsSeriesEpisodes1764370001000 } from './1764370001000-rooms-series-episodes';

/** Every migration in order. New migrations are appended here. */
export const migrations = [UsersAndAudit1764370000000, RoomsSeriesEpisodes1764370001000];
