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
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.last.set(streamId, settled);
    void settled.then(() => {
      if (this.last.get(streamId) === settled) this.last.delete(streamId);
    });
    return result;
  }

  /** Streams with a command running or waiting. */
  get busy(): number {
    return this.last.size;
  }
}
