import { ApiProperty } from '@nestjs/swagger';

export class FeedUrlDto {
  @ApiProperty({ example: 'https://streams.bibliotheek.nl/api/ical/users/Yq3….ics', description: 'Secret: anyone with this address can read the schedule. Shown once; make a new one if it is lost or leaked.' })
  url: string;
}
