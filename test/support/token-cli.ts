import { runTokenCli } from '../../src/cli/token.cli';

/** Runs the token command line as `npm run token -- …` does (in this process), on the store named by EVENT_STORE_URL. */
export async function cli(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runTokenCli(args, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}
