/**
 * Commands on one stream run one after another in this thread: concurrent ones would all decide on the same
 * revision, and all but one conflict and retry, round after round. Other processes' writes are still
 * caught by the append's revision check.
 */
export class StreamQueue {
  /** Per stream, the settling of the last task queued on it. */
  private readonly last = new Map<string, Promise<void>>();

  run<T>(streamId: string, task: () => Promise<T>): Promise<T> {
    const before = this.last.get(streamId);
    const result = before ? before.then(task) : task();
    this.settle([streamId], result);
    return result;
  }

  /** A task on several streams (a batch): it waits for what was queued on any of them, and what comes after waits for it. */
  runAll<T>(streamIds: readonly string[], task: () => Promise<T>): Promise<T> {
    const before = streamIds.flatMap((id) => this.last.get(id) ?? []);
    const result = before.length === 0 ? task() : Promise.all(before).then(task);
    this.settle(streamIds, result);
    return result;
  }

  /** What comes next on these streams waits for `result` to settle, however it settles. */
  private settle(streamIds: readonly string[], result: Promise<unknown>): void {
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    for (const id of streamIds) this.last.set(id, settled);
    void settled.then(() => {
      for (const id of streamIds) if (this.last.get(id) === settled) this.last.delete(id);
    });
  }

  /** Streams with a command running or waiting. */
  get busy(): number {
    return this.last.size;
  }
}
