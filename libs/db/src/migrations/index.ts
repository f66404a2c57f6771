import { UsersAndAudit1764370000000 } from './1764370000000-users-and-audit';
import { RoomsSeriesEpisodes1764370001000 } from './1764370001000-rooms-series-episodes';
import { MediaAssets1764370004000 } from './1764370004000-media-assets';
import { Activities1764370002000 } from './1764370002000-activities';
import { Broadcasts1764370003000 } from './1764370003000-broadcasts';
import { Publication1764370006000 } from './1764370006000-publication';
import { Live1764370008000 } from './1764370008000-live';
import { PosterChoice1764370009000 } from './1764370009000-poster-choice';
import { Transcoding1764370005000 } from './1764370005000-transcoding';

/** Every migration in timestamp order (the order TypeORM runs them). Add new ones at the end. */
export const migrations = [
  UsersAndAudit1764370000000,
  RoomsSeriesEpisodes1764370001000,
  Activities1764370002000,
  Broadcasts1764370003000,
  MediaAssets1764370004000,
  Transcoding1764370005000,
  Publication1764370006000,
  Live1764370008000,
  PosterChoice1764370009000,
];
