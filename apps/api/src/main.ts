import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import { createApp } from './app.factory';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApp(config);
  await app.listen(config.PORT, config.HOST);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
