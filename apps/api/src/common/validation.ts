import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

function flatten(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) out[field] = Object.values(e.constraints);
    Object.assign(out, flatten(e.children ?? [], field));
  }
  return out;
}

/**
 * Every body and query is a DTO: unknown fields are refused, and a 400 names each bad field:
 * `{statusCode:400, error:'Bad Request', message:['email must be an email'], fields:{email:[...]}}`.
 */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => {
    const fields = flatten(errors);
    return new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: Object.values(fields).flat(),
      fields,
    });
  },
});
