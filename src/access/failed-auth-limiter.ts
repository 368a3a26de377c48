/**
 * Counts failed authentications per client address over a sliding minute. At the limit the address is
 * answered 429 until its oldest failure in the window is a minute old. In-process and bounded in memory:
 * at most `limit` instants per address, and the least recently failing addresses are forgotten first.
 */
export class FailedAuthLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = () => Date.now(),
    private readonly maxClients = 10_000,
  ) {}

  /** Seconds the client must wait before trying again, or undefined when it may try now. */
  retryAfter(client: string): number | undefined {
    const recent = this.recent(client);
    if (recent.length < this.limit) return undefined;
    return Math.max(1, Math.ceil((recent[0]! + this.windowMs - this.now()) / 1000));
  }

  recordFailure(client: string): void {
    const recent = [...this.recent(client), this.now()].slice(-this.limit);
    // Re-inserting keeps the Map in order of last failure, so the first key is the one to forget.
    this.failures.delete(client);
    this.failures.set(client, recent);
    if (this.failures.size > this.maxClients) this.failures.delete(this.failures.keys().next().value!);
  }

  private recent(client: string): number[] {
    const since = this.now() - this.windowMs;
    const recent = (this.failures.get(client) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.failures.delete(client);
    return recent;
  }
}
