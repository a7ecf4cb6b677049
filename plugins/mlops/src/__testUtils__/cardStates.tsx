import { ReactElement } from 'react';
import { Entity } from '@backstage/catalog-model';
import { screen, waitFor } from '@testing-library/react';
import { MlopsApi } from '../api';
import { mlProject, pending, renderCard } from './renderCard';
import { typedErrors } from './typedErrors';

/** A method of the MLOps API that a card reads its data from. */
type ApiMethod = {
  [K in keyof MlopsApi]: MlopsApi[K] extends (...args: never[]) => Promise<{
    meta: { demo?: boolean };
  }>
    ? K
    : never;
}[keyof MlopsApi];

/**
 * The tests of the states every MLOps card shows the same way, written once:
 * the missing-annotation guard (the card calls nothing), progress while its
 * call is pending, the demo data badge (`meta.demo`), and each typed error
 * with its title and detail. Call it inside the card's `describe`.
 */
// eslint-disable-next-line jest/no-export -- not a test file: shared tests each card's test file calls
export function itShowsCardStates<M extends ApiMethod>(options: {
  card: ReactElement;
  /** The API method the card reads. */
  method: M;
  /** An answer of that method (the demo badge test marks it demo data). */
  answer: Awaited<ReturnType<MlopsApi[M]>>;
  /** The annotation the guard names, and the end of its test's title. */
  annotation: RegExp;
  missing: string;
  /** Other calls the card makes, answered the same in every state. */
  others?: Partial<MlopsApi>;
  /** The entity of the loading, demo and error states (default: the demo project). */
  entity?: Entity;
}) {
  const { card, method, answer, annotation, missing, others = {} } = options;
  const entity = options.entity ?? mlProject();
  const render = (call: () => Promise<unknown>) =>
    renderCard(
      card,
      { ...others, [method]: call } as Partial<MlopsApi>,
      entity,
    );

  it(`says which annotation to add when ${missing}`, async () => {
    const call = jest.fn();
    await renderCard(
      card,
      { ...others, [method]: call } as Partial<MlopsApi>,
      mlProject({}),
    );
    expect(screen.getByText('Missing Annotation')).toBeInTheDocument();
    expect(screen.getAllByText(annotation).length).toBeGreaterThan(0);
    expect(call).not.toHaveBeenCalled();
  });

  it('shows progress while loading', async () => {
    await render(pending);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the demo data badge when the backend says so', async () => {
    const demo = { ...answer, meta: { ...answer.meta, demo: true } };
    await render(async () => demo);
    expect(await screen.findByText('demo data')).toBeInTheDocument();
  });

  it.each(typedErrors)(
    'says what failed for $name',
    async ({ error, title, detail }) => {
      await render(() => Promise.reject(error));
      expect(await screen.findByText(title)).toBeInTheDocument();
      expect(screen.getByText(detail)).toBeInTheDocument();
      await waitFor(() => expect(screen.queryByTestId('progress')).toBeNull());
    },
  );
}
