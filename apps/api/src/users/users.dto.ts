import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Role, ROLES } from '@app/domain';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class UserQueryDto {
  @ApiPropertyOptional({ enum: ROLES, description: 'Only staff with this role (admins count for every role)' })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ description: 'Include deactivated accounts', default: false })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  includeInactive?: boolean;
}

export class CreateUserDto {
  @ApiProperty({ example: 'jan@bibliotheek.nl' })
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Jan Jansen' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ minLength: 12, description: 'At least 12 characters' })
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(1024)
  password: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['producer'] })
  @IsIn(ROLES, { each: true, message: `each role must be one of: ${ROLES.join(', ')}` })
  @ArrayMinSize(1, { message: 'roles must name at least one role' })
  @ArrayUnique()
  roles: Role[];
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(200) name?: string;

  @ApiPropertyOptional({ minLength: 12 })
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(1024)
  password?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsIn(ROLES, { each: true, message: `each role must be one of: ${ROLES.join(', ')}` })
  @ArrayMinSize(1, { message: 'roles must name at least one role' })
  @ArrayUnique()
  roles?: Role[];

  @ApiPropertyOptional({ description: 'false deactivates the account: it can no longer log in' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UserDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: Date;
}

export class UserListDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty() total: number;
}
