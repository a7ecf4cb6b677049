import { MlopsResponseMeta } from '@mlops-portal/plugin-mlops-common';
import { UpstreamResult } from './ResilientCaller';

/**
 * An answer as a reader builds it: its `meta` without `demo`, which the
 * router adds once, from whether a module marked the upstreams as demo data.
 */
export type ReaderAnswer<T extends { meta: MlopsResponseMeta }> = Omit<
  T,
  'meta'
> & {
  meta: Omit<MlopsResponseMeta, 'demo'>;
};

/**
 * The `fetchedAt` of a response's `meta`: the oldest of the upstream answers
 * it is built from (cached answers keep their time), or now when it needed
 * none. Every reader builds its answer's time with one of these.
 */
export class FetchedAt {
  private readonly times: string[] = [];

  /** Records one answer's time and gives its value. */
  track<T>(result: UpstreamResult<T>): T {
    this.times.push(result.fetchedAt);
    return result.value;
  }

  /** The oldest recorded time, or now. */
  oldest(): string {
    return [...this.times].sort()[0] ?? new Date().toISOString();
  }
}
