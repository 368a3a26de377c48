import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp({ config });
  await app.listen(config.port, config.host);
  Logger.log(`Listening on http://${config.host}:${config.port} (API docs at /api/docs)`, 'Tracker');
}

main().catch((error: unknown) => {
  process.stderr.write(`The tracker could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
