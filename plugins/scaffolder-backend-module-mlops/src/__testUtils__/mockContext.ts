import { mockServices } from '@backstage/backend-test-utils';
import {
  ActionContext,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';

/**
 * `createMockActionContext` for one action, with a logger whose messages can
 * be inspected and an optional dry-run flag (which the mock itself drops).
 * The input is deliberately untyped so tests can send what an API caller
 * could send, wrong types included.
 */
export function mockContext<
  TInput extends JsonObject,
  TOutput extends JsonObject,
>(
  _action: TemplateAction<TInput, TOutput, 'v2'>,
  input: JsonObject,
  options: { isDryRun?: boolean } = {},
): {
  ctx: ActionContext<TInput, TOutput>;
  logger: ReturnType<typeof mockServices.logger.mock>;
  logged: () => string;
} {
  const logger = mockServices.logger.mock();
  const ctx: ActionContext<TInput, TOutput> = {
    ...createMockActionContext<TInput, TOutput>({
      input: input as TInput,
      logger,
    }),
    isDryRun: options.isDryRun,
  };
  const logged = () =>
    [logger.info, logger.warn, logger.error, logger.debug]
      .flatMap(fn => fn.mock.calls)
      .map(args => JSON.stringify(args))
      .join('\n');
  return { ctx, logger, logged };
}
