import { ActivityEntity } from './activity.entity';
import { QualificationSettingsEntity } from './qualification-settings.entity';
import { AuditEventEntity } from './audit-event.entity';
import { EpisodeEntity } from './episode.entity';
import { RoomEntity } from './room.entity';
import { SeriesEntity } from './series.entity';
import { UserEntity } from './user.entity';
import { MediaAssetEntity } from './media-asset.entity';
import { BroadcastChecklistItemEntity, BroadcastCrewEntity, BroadcastEntity, BroadcastEquipmentEntity, BroadcastStatusChangeEntity, RestreamDestinationEntity } from './broadcast.entity';
import { CalendarFeedEntity } from './calendar-feed.entity';
import { ChecklistTemplateEntity } from './checklist-template.entity';
import { EquipmentEntity, EquipmentKitEntity } from './equipment.entity';
import { EpisodePublicationEntity } from './episode-publication.entity';
import { VideoViewsDailyEntity } from './video-views.entity';
import { LiveSessionEntity } from './live-session.entity';

export { AuditEventEntity, EpisodeEntity, RoomEntity, SeriesEntity, UserEntity };
export { MediaAssetEntity };
export type { AssetCaption, AssetChapter, AssetRendition } from './media-asset.entity';
export * from './broadcast.entity';
export * from './calendar-feed.entity';
export * from './checklist-template.entity';
export * from './equipment.entity';
export * from './activity.entity';
export * from './qualification-settings.entity';
export * from './episode-publication.entity';
export * from './video-views.entity';
export * from './live-session.entity';

/** Every entity, registered once here. Add new ones to the list. */
export const entities = [UserEntity, AuditEventEntity, RoomEntity, SeriesEntity, EpisodeEntity, MediaAssetEntity, BroadcastEntity, BroadcastCrewEntity, BroadcastEquipmentEntity, BroadcastChecklistItemEntity, BroadcastStatusChangeEntity, RestreamDestinationEntity, CalendarFeedEntity, ChecklistTemplateEntity, EquipmentKitEntity, EquipmentEntity, ActivityEntity, QualificationSettingsEntity, EpisodePublicationEntity, VideoViewsDailyEntity, LiveSessionEntity];
