/**
 * The one place the product reads its environment. Every value is validated on start; a bad one stops
 * the start with a message naming the variable.
 */
export type EventStoreLocation =
  | { kind: 'sqlite'; path: string }
  | { kind: 'kurrentdb'; connectionString: string };

export interface AppConfig {
  port: number;
  host: string;
  eventStore: EventStoreLocation;
  /** SQLite file holding the read models: the embedded store's own file, or one beside a KurrentDB deployment. */
  readModelPath: string;
  seed: 'halton' | 'none';
  adminToken?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const KURRENT_SCHEMES = /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\/[^\s]+$/;

export function parseEventStoreUrl(value: string): EventStoreLocation | undefined {
  if (value === 'sqlite::memory:') return { kind: 'sqlite', path: ':memory:' };
  const sqlite = /^sqlite:(?!\/\/)(.+)$/.exec(value);
  if (sqlite) return { kind: 'sqlite', path: sqlite[1]! };
  if (KURRENT_SCHEMES.test(value)) return { kind: 'kurrentdb', connectionString: value };
  return undefined;
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const value = (name: string) => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };

  const portText = value('PORT') ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535; got "${portText}"`);
  }

  const host = value('HOST') ?? '127.0.0.1';

  const url = value('EVENT_STORE_URL') ?? 'sqlite:./data/tracker.db';
  const eventStore = parseEventStoreUrl(url);
  if (!eventStore) {
    problems.push(
      `EVENT_STORE_URL must be sqlite:<path>, sqlite::memory:, or a KurrentDB connection string (kurrentdb://… or esdb://…); got "${url}"`,
    );
  }

  const readModelText = value('READ_MODEL_URL');
  let readModelPath = eventStore?.kind === 'sqlite' ? eventStore.path : './data/read-models.db';
  if (readModelText) {
    const parsed = parseEventStoreUrl(readModelText);
    if (parsed?.kind === 'sqlite') readModelPath = parsed.path;
    else problems.push(`READ_MODEL_URL must be sqlite:<path> or sqlite::memory:; got "${readModelText}"`);
  }

  const seed = value('TRACKER_SEED') ?? 'halton';
  if (seed !== 'halton' && seed !== 'none') problems.push(`TRACKER_SEED must be "halton" or "none"; got "${seed}"`);

  const adminToken = value('TRACKER_ADMIN_TOKEN');
  if (adminToken !== undefined && adminToken.length < 24) {
    problems.push('TRACKER_ADMIN_TOKEN must be at least 24 characters long (use a long random secret)');
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host,
    eventStore: eventStore!,
    readModelPath,
    seed: seed as AppConfig['seed'],
    ...(adminToken ? { adminToken } : {}),
  };
}
