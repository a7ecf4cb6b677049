import { JSX, ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import { InfoCard, Progress } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { MlopsResponseMeta } from '@mlops-portal/plugin-mlops-common';
import {
  CARD_ANNOTATIONS,
  MlopsCardName,
  hasCardAnnotation,
} from '../../conditions';
import { DemoBadge } from './DemoBadge';
import { MlopsErrorPanel } from './MlopsErrorPanel';
import { UpstreamLink } from './UpstreamLink';

/**
 * The frame every MLOps card shares: title, demo badge, deep link. On demo
 * data the deep link explains that no live system is behind it.
 */
export const MlopsCard = ({
  title,
  meta,
  link,
  children,
}: {
  title: string;
  meta?: MlopsResponseMeta;
  link?: { title: string; url: string };
  children: ReactNode;
}) => {
  const demo = Boolean(meta?.demo);
  return (
    <InfoCard
      title={title}
      action={<DemoBadge meta={meta} />}
      deepLink={
        link && !demo ? { title: link.title, link: link.url } : undefined
      }
    >
      {children}
      {link && demo && (
        <Box mt={2}>
          <UpstreamLink href={link.url} demo variant="body2">
            {link.title} (demo)
          </UpstreamLink>
        </Box>
      )}
    </InfoCard>
  );
};

/**
 * The one "missing annotation" guard of the cards: renders `children` when
 * the entity carries the annotation the card needs (see `conditions.ts`),
 * otherwise the card frame with Backstage's missing-annotation state.
 */
export const RequireCardAnnotation = ({
  card,
  title,
  children,
}: {
  card: MlopsCardName;
  title: string;
  children: ReactNode;
}) => {
  const { entity } = useEntity();
  if (hasCardAnnotation(entity, card)) return <>{children}</>;
  return (
    <InfoCard title={title}>
      <MissingAnnotationEmptyState annotation={CARD_ANNOTATIONS[card]} />
    </InfoCard>
  );
};

/**
 * A card component behind the missing-annotation guard: the one wiring of
 * `RequireCardAnnotation` around a card's data-loading body, so the body's
 * hooks run only for an entity that carries the card's annotation.
 */
export function withCardAnnotation(
  card: MlopsCardName,
  title: string,
  Body: () => JSX.Element,
): () => JSX.Element;
export function withCardAnnotation<P extends object>(
  card: MlopsCardName,
  title: string,
  Body: (input: P) => JSX.Element,
): (input: P) => JSX.Element;
export function withCardAnnotation<P extends object>(
  card: MlopsCardName,
  title: string,
  Body: (input: P) => JSX.Element,
): (input: P) => JSX.Element {
  return (input: P) => (
    <RequireCardAnnotation card={card} title={title}>
      <Body {...input} />
    </RequireCardAnnotation>
  );
}

/**
 * Renders loading, error or data of one request, inside the card frame. A
 * refresh keeps showing the previous data; the bar that says so takes its
 * room all the time, so the card does not jump when it appears.
 */
export function MlopsAsyncCard<T extends { meta: MlopsResponseMeta }>({
  title,
  state,
  link,
  showRefreshing = true,
  children,
}: {
  title: string;
  state: { loading: boolean; error?: Error; value?: T; retry?: () => void };
  /** Show a thin bar while newer data loads over the shown data. */
  showRefreshing?: boolean;
  link?: (value: T) => { title: string; url: string } | undefined;
  children: (value: T) => ReactNode;
}) {
  const { loading, error, value, retry } = state;
  let body: ReactNode;
  if (error) body = <MlopsErrorPanel error={error} onRetry={retry} />;
  else if (value)
    body = (
      <>
        {showRefreshing && (
          <Box height={4} mb={0.5}>
            {loading && <LinearProgress aria-label={`Loading ${title}`} />}
          </Box>
        )}
        {children(value)}
      </>
    );
  else if (loading) body = <Progress aria-label={`Loading ${title}`} />;
  return (
    <MlopsCard
      title={title}
      meta={value?.meta}
      link={value && !error && link ? link(value) : undefined}
    >
      {body}
    </MlopsCard>
  );
}

/** The deep link of a card that shows an MLflow experiment's data. */
export const experimentLink = (answer: { experimentUrl: string }) => ({
  title: 'Open the experiment in MLflow',
  url: answer.experimentUrl,
});
