import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

/** Peak resident memory of a process (Linux VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** Everything the server wrote, both streams as they came. */
  output: string;
}

export interface StartedServer {
  child: ChildProcess;
  baseUrl: string;
  startupMs: number;
  /** What the server has written so far, both streams. */
  output(): string;
  /** Sends SIGTERM and resolves once the server has exited. */
  stop(): Promise<Exit>;
}

/** How much of the server's latest output is kept (characters). */
const KEPT_OUTPUT = 1 << 20;

/** Runs the built server (`main.js`) on 127.0.0.1 in a child process, without waiting for it. */
export function spawnServer(
  mainJs: string,
  env: Record<string, string>,
  cwd?: string,
): { child: ChildProcess; exited: Promise<Exit>; output: () => string } {
  const child = spawn(process.execPath, [mainJs], {
    ...(cwd ? { cwd } : {}),
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', TRACKER_SEED: 'none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let output = '';
  // The server logs a line per request: only the latest of it is kept, so the load's figures do not
  // pay for a log growing in this process.
  const keep = (more: string) => {
    output += more;
    if (output.length > KEPT_OUTPUT * 2) output = output.slice(-KEPT_OUTPUT);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
    keep(String(chunk));
  });
  const exited = new Promise<Exit>((done) => child.on('exit', (code, signal) => done({ code, signal, stderr, output })));
  return { child, exited, output: () => output };
}

/** Starts the built server and measures the time from spawn to a healthy /health. */
export async function startServer(mainJs: string, env: Record<string, string>, cwd?: string): Promise<StartedServer> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const { child, exited, output } = spawnServer(mainJs, { PORT: String(port), ...env }, cwd);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await fetch(`${baseUrl}/health`).then((r) => r.status, () => 0);
    if (status === 200) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not become healthy: ${(await exited).stderr}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const startupMs = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    child,
    baseUrl,
    startupMs,
    output,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Sequential GETs (keep-alive), timing each; returns p50 and p99 in ms. */
export async function latency(count: number, url: () => string, headers: Record<string, string>): Promise<{ p50: number; p99: number; failures: number }> {
  const times: number[] = [];
  let failures = 0;
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    const res = await fetch(url(), { headers });
    await res.arrayBuffer();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (res.status !== 200) failures += 1;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), failures };
}

/** A signed-in session for the web pages, as a browser gets one: the sign-in form with its CSRF token, then the cookie. */
export async function signInCookie(baseUrl: string, token: string): Promise<string> {
  const form = await fetch(`${baseUrl}/sign-in`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  const first = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const signedIn = await fetch(`${baseUrl}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: first },
    body: new URLSearchParams({ _csrf: csrf ?? '', token, returnTo: '/' }).toString(),
  });
  const cookie = signedIn.headers.getSetCookie()[0]?.split(';')[0];
  if (signedIn.status !== 303 || !cookie) throw new Error(`signing in to the web pages answered ${signedIn.status}`);
  return cookie;
}
