import { CacheService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';
import { MlopsUpstream } from '@mlops-portal/plugin-mlops-common';
import { MlopsError } from '../errors/MlopsError';

/** Timeout, retries and cache lifetime of one upstream. */
export interface UpstreamPolicy {
  timeoutMs: number;
  /** 0 disables caching. */
  cacheTtlSeconds: number;
}

/** An upstream answer and when it was fetched (cached answers keep their time). */
export interface UpstreamResult<T> {
  value: T;
  fetchedAt: string;
}

/**
 * The deadline of one route's whole answer: every upstream call the route
 * makes (one after another or side by side) shares it, so a route that makes
 * two calls still answers within `timeoutMs`. See {@link routeDeadline}.
 */
export interface RouteDeadline {
  signal: AbortSignal;
  timeoutMs: number;
}

/** A {@link RouteDeadline} starting now. */
export function routeDeadline(timeoutMs: number): RouteDeadline {
  return { signal: AbortSignal.timeout(timeoutMs), timeoutMs };
}

function deadlinePassed(upstream: MlopsUpstream, timeoutMs: number) {
  return new MlopsError(
    'UpstreamUnavailable',
    `${upstream} gave no answer within ${timeoutMs} ms`,
    { upstream },
  );
}

/** Rejects when `signal` fires; resolves never otherwise. */
function rejectOnAbort(
  signal: AbortSignal,
  error: () => Error,
): Promise<never> {
  const rejected = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(error());
    else
      signal.addEventListener('abort', () => reject(error()), { once: true });
  });
  rejected.catch(() => undefined);
  return rejected;
}

/** At most two retries, for idempotent calls only. */
const MAX_RETRIES = 2;

type CachedEntry = UpstreamResult<unknown>;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>(resolve => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * The resilience layer every upstream call goes through: a cache lookup,
 * coalescing of identical in-flight calls, a deadline per call (retries
 * included, so a caller always gets an answer within the timeout), and at
 * most {@link MAX_RETRIES} retries with backoff on errors marked retryable
 * (502/503/504, connection reset).
 */
export class ResilientCaller {
  private readonly inFlight = new Map<string, Promise<CachedEntry>>();
  /**
   * A small in-process copy of recent answers in front of CacheService, so a
   * hot entity does not pay a (possibly remote) cache read and JSON
   * deserialisation per request. Same TTL; oldest entries leave first.
   */
  private readonly local = new Map<
    string,
    { expires: number; entry: CachedEntry }
  >();
  private static readonly LOCAL_ENTRIES = 200;

  constructor(
    private readonly options: {
      cache: CacheService;
      policy: (upstream: MlopsUpstream) => UpstreamPolicy;
      /** First backoff delay; doubles on each retry. */
      backoffMs?: number;
    },
  ) {}

  /** The configured timeout of one upstream (also the deadline of a route that calls it). */
  timeoutOf(upstream: MlopsUpstream): number {
    return this.options.policy(upstream).timeoutMs;
  }

  /**
   * Calls `fn` through the cache, coalescing and deadline. `T` is what `fn`
   * answers; it must survive a JSON round trip, since cached answers are
   * stored as JSON.
   */
  async call<T>(
    upstream: MlopsUpstream,
    key: string,
    fn: (signal: AbortSignal) => Promise<T>,
    callOptions: {
      idempotent?: boolean;
      /** The route's deadline: the call (also one joined in flight) gives up when it passes. */
      deadline?: RouteDeadline;
    } = {},
  ): Promise<UpstreamResult<T>> {
    const { deadline } = callOptions;
    const result = this.callOnce(
      upstream,
      key,
      fn,
      callOptions.idempotent ?? true,
      deadline,
    );
    if (!deadline) return result;
    return Promise.race([
      result,
      rejectOnAbort(deadline.signal, () =>
        deadlinePassed(upstream, deadline.timeoutMs),
      ),
    ]);
  }

  /**
   * Calls `fn` with the upstream's deadline (or `timeoutMs`) and retries, but
   * without cache or coalescing: for background work that must see the
   * upstream as it is now (the GPU inventory refresh).
   */
  uncached<T>(
    upstream: MlopsUpstream,
    fn: (signal: AbortSignal) => Promise<T>,
    timeoutMs?: number,
  ): Promise<T> {
    const policy = this.options.policy(upstream);
    return this.withDeadline(
      upstream,
      timeoutMs ? { ...policy, timeoutMs } : policy,
      fn,
      true,
      undefined,
    );
  }

  private async callOnce<T>(
    upstream: MlopsUpstream,
    key: string,
    fn: (signal: AbortSignal) => Promise<T>,
    idempotent: boolean,
    deadline: RouteDeadline | undefined,
  ): Promise<UpstreamResult<T>> {
    const cacheKey = `mlops:v1:${upstream}:${key}`;
    const policy = this.options.policy(upstream);
    const existing = this.inFlight.get(cacheKey);
    if (existing) return existing as Promise<UpstreamResult<T>>;

    const promise = (async () => {
      if (policy.cacheTtlSeconds > 0) {
        const local = this.local.get(cacheKey);
        if (local && local.expires > Date.now()) return local.entry;
        const cached = await this.readCache(cacheKey);
        if (cached) {
          this.remember(cacheKey, cached, policy);
          return cached;
        }
      }
      const value = await this.withDeadline(
        upstream,
        policy,
        fn,
        idempotent,
        deadline,
      );
      const result = { value, fetchedAt: new Date().toISOString() };
      if (policy.cacheTtlSeconds > 0) {
        this.remember(cacheKey, result, policy);
        await this.options.cache
          // The one cast: answers are plain data (`T` survives JSON, see above).
          .set(cacheKey, result as JsonValue, {
            ttl: { seconds: policy.cacheTtlSeconds },
          })
          .catch(() => undefined);
      }
      return result;
    })();
    this.inFlight.set(cacheKey, promise);
    try {
      return (await promise) as UpstreamResult<T>;
    } finally {
      this.inFlight.delete(cacheKey);
    }
  }

  private remember(key: string, entry: CachedEntry, policy: UpstreamPolicy) {
    this.local.delete(key);
    this.local.set(key, {
      expires: Date.now() + policy.cacheTtlSeconds * 1000,
      entry,
    });
    if (this.local.size > ResilientCaller.LOCAL_ENTRIES) {
      this.local.delete(this.local.keys().next().value as string);
    }
  }

  private async readCache(key: string): Promise<CachedEntry | undefined> {
    try {
      const cached = (await this.options.cache.get(key)) as
        | CachedEntry
        | undefined;
      return cached && typeof cached.fetchedAt === 'string'
        ? cached
        : undefined;
    } catch {
      // A broken cache store must not break the cards; go to the upstream.
      return undefined;
    }
  }

  private async withDeadline<T>(
    upstream: MlopsUpstream,
    policy: UpstreamPolicy,
    fn: (signal: AbortSignal) => Promise<T>,
    idempotent: boolean,
    route: RouteDeadline | undefined,
  ): Promise<T> {
    const own = AbortSignal.timeout(policy.timeoutMs);
    // The call's own deadline, and the route's when there is one: whichever passes first.
    const deadline = route ? AbortSignal.any([own, route.signal]) : own;
    // The race guarantees the deadline even if `fn` ignores its signal.
    const timedOut = rejectOnAbort(deadline, () =>
      deadlinePassed(
        upstream,
        route?.signal.aborted ? route.timeoutMs : policy.timeoutMs,
      ),
    );
    const attempt = async (): Promise<T> => {
      const backoff = this.options.backoffMs ?? 100;
      for (let retry = 0; ; retry++) {
        try {
          return await fn(deadline);
        } catch (error) {
          const retryable =
            idempotent &&
            error instanceof MlopsError &&
            error.details.retryable === true &&
            retry < MAX_RETRIES &&
            !deadline.aborted;
          if (!retryable) throw error;
          await sleep(backoff * 2 ** retry, deadline);
          if (deadline.aborted) throw error;
        }
      }
    };
    return Promise.race([attempt(), timedOut]);
  }
}
