import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/config';
import { openEventStore } from '../event-store/open-event-store';
import { SeedError } from '../seeding/seed-file';
import { SeedLoader, SeedProgress } from '../seeding/seed-loader';

/** `npm run seed -- halton`: loads a seed into the configured store, without the server running. */
async function main(): Promise<void> {
  const seed = process.argv[2] ?? 'halton';
  const config = loadConfig();
  const store = openEventStore(config.eventStore);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, seed: 'none' }, store), { logger: ['error', 'warn'] });
  const started = Date.now();
  const tty = process.stderr.isTTY;
  const progress = ({ file, done, total }: SeedProgress) => {
    if (tty) process.stderr.write(`\rLoading ${seed}: ${done}/${total} entries (${file})`.padEnd(100));
    else if (done % 50 === 0 || done === total) process.stderr.write(`Loading ${seed}: ${done}/${total} entries (${file})\n`);
  };
  try {
    const report = await app.get(SeedLoader).load(seed, { onProgress: progress });
    if (tty) process.stderr.write('\n');
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      report.appended === 0
        ? `The "${seed}" seed was already loaded: ${report.entries} entries checked, nothing added (${seconds} s).\n`
        : `Loaded the "${seed}" seed: ${report.entries} entries, ${report.appended} events appended (${seconds} s).\n`,
    );
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\n${error instanceof SeedError ? 'Seed not loaded: ' : ''}${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
