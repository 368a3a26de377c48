import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('defaults to the embedded store under ./data on port 3000 with the Halton plan', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      eventStore: { kind: 'sqlite', path: './data/tracker.db' },
      readModelPath: './data/tracker.db',
      seed: 'halton',
    });
  });

  it('accepts in-memory SQLite and KurrentDB connection strings', () => {
    expect(loadConfig({ EVENT_STORE_URL: 'sqlite::memory:' }).eventStore).toEqual({ kind: 'sqlite', path: ':memory:' });
    expect(loadConfig({ EVENT_STORE_URL: 'esdb://localhost:2113?tls=false' }).eventStore).toEqual({
      kind: 'kurrentdb',
      connectionString: 'esdb://localhost:2113?tls=false',
    });
    const kurrent = loadConfig({ EVENT_STORE_URL: 'kurrentdb://db:2113?tls=false' });
    expect(kurrent.readModelPath).toBe('./data/read-models.db');
  });

  it.each([
    [{ EVENT_STORE_URL: 'nonsense' }, /EVENT_STORE_URL must be/],
    [{ EVENT_STORE_URL: 'postgres://db' }, /EVENT_STORE_URL/],
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT/],
    [{ TRACKER_SEED: 'demo' }, /TRACKER_SEED must be "halton" or "none"/],
    [{ TRACKER_ADMIN_TOKEN: 'short' }, /TRACKER_ADMIN_TOKEN must be at least 24/],
    [{ READ_MODEL_URL: 'kurrentdb://x' }, /READ_MODEL_URL/],
  ])('refuses %p with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', EVENT_STORE_URL: 'y' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(2);
    }
  });
});
