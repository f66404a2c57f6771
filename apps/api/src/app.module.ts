import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { createDataSource } from '@app/db';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ConfigModule } from './common/config.module';
import { RedisModule } from './common/redis.module';
import { HealthModule } from './health/health.module';
import { MediaModule } from './media/media.module';
import { UploadsModule } from './uploads/uploads.module';
import { UsersModule } from './users/users.module';
import { SeriesModule } from './series/series.module';
import { EquipmentModule } from './equipment/equipment.module';
import { ChecklistsModule } from './checklists/checklists.module';
import { BroadcastsModule } from './broadcasts/broadcasts.module';
import { IcalModule } from './ical/ical.module';
import { RoomsModule } from './rooms/rooms.module';
import { CalendarModule } from './calendar/calendar.module';
import { ActivitiesModule } from './activities/activities.module';
import { PublicationModule } from './publication/publication.module';
import { PublicModule } from './public/public.module';
import { StatsModule } from './stats/stats.module';
import { LiveModule } from './live/live.module';
import { MetricsModule } from './metrics/metrics.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["upload-metadata"]'],
            autoLogging: { ignore: (req) => req.url === '/api/health' },
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({}),
          dataSourceFactory: async () => createDataSource(config.DATABASE_URL).initialize(),
        }),
        RedisModule,
        AuthModule,
        AuditModule,
        HealthModule,
        // Feature modules: one line each.
        MediaModule,
        UploadsModule,
        UsersModule,
        SeriesModule,
        EquipmentModule,
        ChecklistsModule,
        BroadcastsModule,
        IcalModule,
        RoomsModule,
        CalendarModule,
        ActivitiesModule,
        PublicationModule,
        PublicModule,
        StatsModule,
        LiveModule,
        MetricsModule,
      ],
    };
  }
}
