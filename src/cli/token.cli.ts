import 'reflect-metadata';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { newContext } from '../write-side/command-context';
import { ConfigError, loadConfig } from '../config/config';
import { DomainError } from '../domain/domain-error';
import { EventStore } from '../event-store/event-store.port';
import { openEventStore } from '../event-store/open-event-store';
import { issueToken } from '../access/issue-token/issue-token.command';
import { revokeToken } from '../access/revoke-token/revoke-token.command';
import { streamOfCommand, tokenDecider } from '../access/token';
import { TokenRegistry } from '../access/token-registry';
import { systemClock } from '../config/clock';
import { LocalExecutor } from '../write-side/local-executor';
import { CommandPipeline } from '../write-side/pipeline';

const USAGE = `Usage:
  npm run token -- create --name "Jane Smith (board chair)" --role board-member --plans halton[,knowsley|*]
                         [--organisation "Halton Borough Council"] [--expires-at 2026-03-31T23:59:59Z]
  npm run token -- list
  npm run token -- revoke <tokenId>
Works on the store named by EVENT_STORE_URL, with or without the server running.`;

export interface CliOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

const cliActor = () => {
  let user = 'unknown user';
  try {
    user = userInfo().username;
  } catch {
    // no user database entry (some containers): keep "unknown user"
  }
  return { id: 'token-cli', name: `Token command line (${user})`, role: 'admin' };
};

/** The token command line: create, list and revoke tokens through the same use cases as the API. Returns the exit code. */
export async function runTokenCli(
  args: readonly string[],
  env: Record<string, string | undefined>,
  io: CliOutput,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        organisation: { type: 'string' },
        role: { type: 'string' },
        plans: { type: 'string', multiple: true },
        'expires-at': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  const { values } = parsed;
  if (values.help || !command) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? 0 : 2;
  }
  if (!['create', 'list', 'revoke'].includes(command) || (command === 'revoke' ? rest.length !== 1 : rest.length !== 0)) {
    io.err(USAGE);
    return 2;
  }
  if (command === 'create' && (!values.name || !values.role || !values.plans)) {
    io.err(`create needs --name, --role and --plans.\n${USAGE}`);
    return 2;
  }

  let store: EventStore;
  try {
    store = openEventStore(loadConfig(env).eventStore);
  } catch (error) {
    io.err(error instanceof ConfigError ? error.message : `The event store could not be opened: ${String(error)}`);
    return 1;
  }
  const tokens = new LocalExecutor(new CommandPipeline(store)).for(tokenDecider, streamOfCommand);
  const registry = new TokenRegistry(store, systemClock);
  const now = systemClock.now();
  const context = newContext({ actor: cliActor() });
  try {
    switch (command) {
      case 'create': {
        const plans = values.plans!.flatMap((p) => p.split(',')).map((p) => p.trim());
        const issued = await issueToken(
          tokens,
          {
            name: values.name!,
            role: values.role!,
            plans,
            ...(values.organisation ? { organisation: values.organisation } : {}),
            ...(values['expires-at'] ? { expiresAt: values['expires-at'] } : {}),
          },
          context,
          now,
        );
        const summary = await registry.find(issued.tokenId);
        io.out(`Token ${issued.tokenId} for ${summary?.name} (${summary?.role}, plans ${summary?.plans.join(', ')}):`);
        io.out(issued.token ?? '(not shown again)');
        io.out(
          'It is shown this once: the tracker keeps only its hash. Revoke it with: npm run token -- revoke ' + issued.tokenId,
        );
        return 0;
      }
      case 'list': {
        const tokens = await registry.list();
        if (tokens.length === 0) io.out('No tokens issued.');
        else io.out(['tokenId', 'status', 'role', 'plans', 'expiresAt', 'name', 'organisation'].join('\t'));
        for (const t of tokens) {
          io.out([t.tokenId, t.status, t.role, t.plans.join(','), t.expiresAt ?? '-', t.name, t.organisation ?? '-'].join('\t'));
        }
        return 0;
      }
      default: {
        const outcome = await revokeToken(tokens, registry, rest[0]!, context, now);
        io.out(outcome === 'revoked' ? `Token ${rest[0]} revoked.` : `Token ${rest[0]} was already revoked.`);
        return 0;
      }
    }
  } catch (error) {
    if (error instanceof DomainError) {
      io.err(error.field ? `${error.field}: ${error.message}` : error.message);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  runTokenCli(process.argv.slice(2), process.env, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  }).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`The token command failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
