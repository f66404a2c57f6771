import { DataSource } from 'typeorm';
import { hashPassword, Role } from '@app/domain';
import { UserEntity } from './entities';

export const DEMO_ACCOUNTS: { email: string; name: string; roles: Role[] }[] = [
  { email: 'admin@demo.library', name: 'Anna Admin', roles: ['admin'] },
  { email: 'planner@demo.library', name: 'Pieter Planner', roles: ['planner'] },
  { email: 'producer@demo.library', name: 'Priya Producer', roles: ['producer'] },
  { email: 'editor@demo.library', name: 'Eva Editor', roles: ['editor'] },
];

/** Seeds demo data once: does nothing when any user exists. Returns whether it seeded. */
export async function seedDemo(ds: DataSource, password: string): Promise<boolean> {
  return ds.transaction(async (em) => {
    await em.query(`LOCK TABLE users IN EXCLUSIVE MODE`);
    if ((await em.count(UserEntity)) > 0) return false;
    const passwordHash = await hashPassword(password);
    await em.insert(
      UserEntity,
      DEMO_ACCOUNTS.map((a) => ({ ...a, passwordHash })),
    );
    return true;
  });
}
