/**
 * Commands on one stream run one after another in this thread: concurrent ones would all decide on the same
 * revision, and all but one conflict and retry, round after round. Other processes' writes are still
 * caught by the append's revision check.
 */
export class StreamQueue {
  /** Per stream, the settling of the last task queued on it. */
  private readonly last = new Map<string, Promise<void>>();

  run<T>(streamId: string, task: () => Promise<T>): Promise<T> {
    return this.runAll([streamId], task);
  }

  /** A task on several streams (a batch): it waits for what was queued on any of them, and what comes after waits for it. */
  runAll<T>(streamIds: readonly string[], task: () => Promise<T>): Promise<T> {
    const before = streamIds.flatMap((id) => this.last.get(id) ?? []);
    const result = before.length === 0 ? task() : before.length === 1 ? before[0]!.then(task) : Promise.all(before).then(task);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    for (const id of streamIds) this.last.set(id, settled);
    void settled.then(() => {
      for (const id of streamIds) if (this.last.get(id) === settled) this.last.delete(id);
    });
    return result;
  }

  /** Streams with a command running or waiting. */
  get busy(): number {
    return this.last.size;
  }
}
