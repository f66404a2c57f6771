import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, AppConfig } from '@app/config';
import { RoomsModule } from '../rooms/rooms.module';
import { CalendarController } from './calendar.controller';
import { CalendarImportService } from './calendar-import.service';

@Module({
  imports: [
    RoomsModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.CALENDAR_IMPORT_MAX_BYTES, files: 1, fields: 10 } }),
    }),
  ],
  controllers: [CalendarController],
  providers: [CalendarImportService],
})
export class CalendarModule {}
