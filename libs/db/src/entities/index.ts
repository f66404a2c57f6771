import { AuditEventEntity } from './audit-event.entity';
import { UserEntity } from './user.entity';

export { AuditEventEntity, UserEntity };

/** Every entity, registered once here. */
export const entities = [UserEntity, AuditEventEntity];
