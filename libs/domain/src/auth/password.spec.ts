import { hashPassword, verifyPassword } from './password';
import { hasAnyRole } from './roles';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct hors', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toEqual(await hashPassword('same'));
  });

  it('refuses malformed stored hashes', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$1$2$3$a$b')).toBe(false);
  });
});

describe('roles', () => {
  it.each([
    [['planner'], ['planner'], true],
    [['producer'], ['planner', 'editor'], false],
    [['admin'], ['editor'], true],
    [['editor', 'producer'], ['producer'], true],
    [['editor'], [], false],
  ] as const)('%j against %j → %s', (user, allowed, expected) => {
    expect(hasAnyRole(user, allowed)).toBe(expected);
  });
});
