import {
  CHAIN_LINK_TITLES,
  ChainLink,
  ChainLinkId,
  ChainLinkStatus,
} from '@mlops-portal/plugin-mlops-common';
import { asMlopsError, MlopsError } from '../errors/MlopsError';

/** A link without its id and title, as each link's reader builds it. */
export type LinkBody = Omit<ChainLink, 'id' | 'title'>;

const ORDER: ChainLinkStatus[] = ['ok', 'warning', 'unknown', 'failing'];

/** The worst of some statuses (ok < warning < unknown < failing); `ok` for none. */
export const worstOf = (statuses: ChainLinkStatus[]): ChainLinkStatus =>
  statuses.reduce<ChainLinkStatus>(
    (worst, s) => (ORDER.indexOf(s) > ORDER.indexOf(worst) ? s : worst),
    'ok',
  );

/** The typed error of a failure: an MlopsError as it is, anything else as an UpstreamError. */
export const typedError = (error: unknown): MlopsError => asMlopsError(error);

/**
 * Builds one link: a reader that throws gives an `unknown` link saying why
 * (no integration, no permission, annotation missing...), so the rest of the
 * chain still shows.
 */
export async function settleLink(
  id: ChainLinkId,
  read: () => Promise<LinkBody>,
): Promise<ChainLink> {
  try {
    return { id, title: CHAIN_LINK_TITLES[id], ...(await read()) };
  } catch (error) {
    const typed = typedError(error);
    return {
      id,
      title: CHAIN_LINK_TITLES[id],
      status: 'unknown',
      reason: typed.message,
      details: [],
      error: typed.toBody().error,
    };
  }
}

/** The first 7 characters of a commit sha, as git shows it. */
export const short = (sha: string) => sha.slice(0, 7);
