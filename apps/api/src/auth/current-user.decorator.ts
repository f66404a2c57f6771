import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthUser } from './access.guard';

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest().user);
