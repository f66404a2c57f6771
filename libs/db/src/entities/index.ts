import { AuditEventEntity } from './audit-event.entity';
import { EpisodeEntity } from './episode.entity';
import { RoomEntity } from './room.entity';
import { SeriesEntity } from './series.entity';
import { UserEntity } from './user.entity';

export { AuditEventEntity, EpisodeEntity, RoomEntity, SeriesEntity, UserEntity };

/** Every entity, registered once here. Add new ones to the list. */
export const entities = [UserEntity, AuditEventEntity, RoomEntity, SeriesEntity, EpisodeEntity];
