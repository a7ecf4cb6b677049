import { ConcurrencyLimit } from './concurrencyLimit';

const later = () => {
  let resolve!: () => void;
  const promise = new Promise<void>(r => (resolve = r));
  return { promise, resolve };
};

describe('ConcurrencyLimit', () => {
  it('runs at most `limit` tasks at once and starts the waiting ones in arrival order', async () => {
    const limit = new ConcurrencyLimit(2);
    const gates = Array.from({ length: 5 }, later);
    const started: number[] = [];
    const done = gates.map((gate, i) =>
      limit.run(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect([limit.active, limit.waiting]).toEqual([2, 3]);
    gates[1].resolve();
    await done[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    gates.forEach(g => g.resolve());
    expect(await Promise.all(done)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect([limit.active, limit.waiting]).toEqual([0, 0]);
  });

  it('frees the slot of a task that fails', async () => {
    const limit = new ConcurrencyLimit(1);
    await expect(
      limit.run(() => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(await limit.run(async () => 'next')).toBe('next');
  });

  it('drops a waiting task whose signal fires, with its reason, and never runs it', async () => {
    const limit = new ConcurrencyLimit(1);
    const gate = later();
    const first = limit.run(() => gate.promise);
    const controller = new AbortController();
    const ran = jest.fn();
    const waiting = limit.run(async () => ran(), controller.signal);
    controller.abort(new Error('deadline passed'));
    await expect(waiting).rejects.toThrow('deadline passed');
    expect(limit.waiting).toBe(0);
    gate.resolve();
    await first;
    expect(ran).not.toHaveBeenCalled();
    expect(limit.active).toBe(0);
  });

  it('refuses a limit that is not a positive whole number', () => {
    expect(() => new ConcurrencyLimit(0)).toThrow(RangeError);
    expect(() => new ConcurrencyLimit(1.5)).toThrow(RangeError);
  });
});
