import { mockServices } from '@backstage/backend-test-utils';
import { MlopsError } from '../errors/MlopsError';
import { ResilientCaller, routeDeadline } from './ResilientCaller';

const caller = (timeoutMs: number, cacheTtlSeconds = 0) =>
  new ResilientCaller({
    cache: mockServices.cache.mock({
      get: async () => undefined,
      set: async () => undefined,
    }),
    policy: () => ({ timeoutMs, cacheTtlSeconds }),
    backoffMs: 1,
  });

describe('ResilientCaller', () => {
  it('answers UpstreamUnavailable at the deadline even when the call ignores its signal', async () => {
    const started = Date.now();
    const error = await caller(100)
      .call('mlflow', 'k', () => new Promise<string>(() => undefined))
      .catch(e => e);
    expect(error).toBeInstanceOf(MlopsError);
    expect(error).toMatchObject({
      code: 'UpstreamUnavailable',
      details: { upstream: 'mlflow' },
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('retries retryable errors twice for idempotent calls only', async () => {
    const fail = jest.fn(async () => {
      throw new MlopsError('UpstreamUnavailable', 'HTTP 503', {
        retryable: true,
      });
    });
    await expect(caller(1000).call('kubernetes', 'a', fail)).rejects.toThrow(
      'HTTP 503',
    );
    expect(fail).toHaveBeenCalledTimes(3);
    fail.mockClear();
    await expect(
      caller(1000).call('kubernetes', 'b', fail, { idempotent: false }),
    ).rejects.toThrow('HTTP 503');
    expect(fail).toHaveBeenCalledTimes(1);
  });

  it('does not retry errors that are not retryable', async () => {
    const fail = jest.fn(async () => {
      throw new MlopsError('UpstreamError', 'HTTP 500');
    });
    await expect(caller(1000).call('prometheus', 'c', fail)).rejects.toThrow(
      'HTTP 500',
    );
    expect(fail).toHaveBeenCalledTimes(1);
  });

  it('coalesces concurrent identical calls and serves the cached answer with its fetch time', async () => {
    const c = caller(1000, 60);
    const fn = jest.fn(async () => {
      await new Promise(resolve => setTimeout(resolve, 20));
      return { answer: 42 };
    });
    const results = await Promise.all([
      c.call('mlflow', 'same', fn),
      c.call('mlflow', 'same', fn),
    ]);
    const later = await c.call('mlflow', 'same', fn);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(results[0]).toBe(results[1]);
    expect(later.fetchedAt).toBe(results[0].fetchedAt);
    expect(later.value).toEqual({ answer: 42 });
  });

  it('shares one route deadline across calls made one after another', async () => {
    const c = caller(1000);
    const deadline = routeDeadline(150);
    const slow = () =>
      new Promise<string>(resolve => setTimeout(() => resolve('ok'), 100));
    const started = Date.now();
    // Each call alone fits its own 1000 ms; together they pass the route's 150 ms.
    await c.call('mlflow', 'first', slow, { deadline });
    const error = await c
      .call('mlflow', 'second', slow, { deadline })
      .catch(e => e);
    expect(error).toMatchObject({
      code: 'UpstreamUnavailable',
      message: 'mlflow gave no answer within 150 ms',
    });
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('aborts the signal the call gets when the route deadline passes', async () => {
    let seen: AbortSignal | undefined;
    const error = await caller(1000)
      .call(
        'mlflow',
        'k',
        signal => {
          seen = signal;
          return new Promise<string>(() => undefined);
        },
        { deadline: routeDeadline(50) },
      )
      .catch(e => e);
    expect(error).toMatchObject({ code: 'UpstreamUnavailable' });
    expect(seen?.aborted).toBe(true);
  });

  it("gives up a call joined in flight at the joining route's own deadline", async () => {
    const c = caller(1000);
    const slow = () =>
      new Promise<string>(resolve => setTimeout(() => resolve('ok'), 200));
    const [first, joined] = await Promise.all([
      c.call('mlflow', 'same', slow).then(r => r.value),
      c
        .call('mlflow', 'same', slow, { deadline: routeDeadline(50) })
        .catch(e => e),
    ]);
    expect(first).toBe('ok');
    expect(joined).toMatchObject({
      code: 'UpstreamUnavailable',
      message: 'mlflow gave no answer within 50 ms',
    });
  });

  it('answers within a route deadline that leaves room', async () => {
    const result = await caller(1000).call('mlflow', 'k', async () => 'fast', {
      deadline: routeDeadline(500),
    });
    expect(result.value).toBe('fast');
  });
});
