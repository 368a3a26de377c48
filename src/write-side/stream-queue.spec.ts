import { StreamQueue } from './stream-queue';

const later = <T>(value: T, ms: number) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('commands on one stream', () => {
  it('run one after another on the same stream, side by side on different ones', async () => {
    const queue = new StreamQueue();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await later(null, ms);
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([queue.run('a', task('a1', 30)), queue.run('a', task('a2', 1)), queue.run('b', task('b1', 5))]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('start a2')).toBeGreaterThan(log.indexOf('end a1'));
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
  });

  it('go on after one fails, and leave nothing behind once done', async () => {
    const queue = new StreamQueue();
    const failed = queue.run('a', async () => {
      throw new Error('refused');
    });
    const next = queue.run('a', async () => 'decided');
    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe('decided');
    await later(null, 0);
    expect(queue.busy).toBe(0);
  });
});
