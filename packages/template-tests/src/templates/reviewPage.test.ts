import type { JsonObject } from '@backstage/types';
import { loadTemplate } from '../scaffolder/loadTemplate';

/**
 * What Backstage's review page (ReviewState of scaffolder-react) shows for a
 * value: the `ui:backstage.review` of the schema the value resolves to (for
 * a oneOf, the option the value selects), else the field's title and the raw
 * value, and booleans as emoji. So every titled option and every boolean
 * carries the review's name and text, and the page reads "Model serving:
 * KServe InferenceService", "Observability: Yes".
 */

type Field = { name: string; schema: JsonObject };

/** Every property definition of a page: its own, its dependency branches', its if/then/else's. */
function fields(node: unknown, found: Field[] = []): Field[] {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return found;
  const schema = node as JsonObject;
  for (const [name, definition] of Object.entries(
    (schema.properties ?? {}) as Record<string, JsonObject>,
  )) {
    found.push({ name, schema: definition });
  }
  for (const dependency of Object.values(
    (schema.dependencies ?? {}) as Record<string, JsonObject>,
  )) {
    for (const branch of (dependency.oneOf ?? []) as JsonObject[])
      fields(branch, found);
  }
  fields(schema.then, found);
  fields(schema.else, found);
  return found;
}

const review = (option: JsonObject) =>
  (
    option['ui:backstage'] as
      | { review?: { name?: string; mask?: string } }
      | undefined
  )?.review;

/** What the review page would show wrong for a page: one line per problem. */
function reviewProblems(page: JsonObject, titles: Record<string, string>) {
  const problems: string[] = [];
  for (const { name, schema } of fields(page)) {
    const options = (schema.oneOf ?? []) as JsonObject[];
    if (schema.type === 'boolean') {
      const masks = Object.fromEntries(
        options.map(option => [String(option.const), review(option)?.mask]),
      );
      if (masks.true !== 'Yes' || masks.false !== 'No') {
        problems.push(`${name}: a boolean without the Yes/No review options`);
      }
    }
    for (const option of options.filter(o => typeof o.title === 'string')) {
      const shown = review(option);
      if (shown?.mask !== option.title || shown?.name !== titles[name]) {
        problems.push(
          `${name}: option ${String(option.const)} shows as ${
            shown?.name ?? option.title
          }: ${shown?.mask ?? String(option.const)}`,
        );
      }
    }
  }
  return problems;
}

/** The title of each field, from wherever the page declares it. */
function titlesOf(pages: JsonObject[]) {
  const titles: Record<string, string> = {};
  for (const { name, schema } of pages.flatMap(page => fields(page))) {
    if (typeof schema.title === 'string' && !titles[name])
      titles[name] = schema.title;
  }
  return titles;
}

describe.each(['mlops-platform-versioning', 'onboard-ml-repo'])(
  'templates/%s: the review page reads like prose',
  name => {
    const pages = (
      loadTemplate(name).entity.spec as { parameters: JsonObject[] }
    ).parameters;
    const titles = titlesOf(pages);

    it('shows every choice by its title under the field’s title, and booleans as Yes/No', () => {
      expect(pages.flatMap(page => reviewProblems(page, titles))).toEqual([]);
    });

    it('names no option with the deprecated enumNames (rjsf warns on every render)', () => {
      expect(JSON.stringify(pages)).not.toContain('"enumNames"');
    });
  },
);

describe('reviewProblems', () => {
  const page = {
    properties: {
      serving: {
        title: 'Model serving',
        oneOf: [
          {
            const: 'kserve',
            title: 'KServe',
            'ui:backstage': {
              review: { name: 'Model serving', mask: 'KServe' },
            },
          },
          { const: 'deployment', title: 'Deployment' },
        ],
      },
      streaming: { title: 'Kafka', type: 'boolean' },
    },
  };

  it('notices an option without review text and a boolean without Yes/No (the check can fail)', () => {
    expect(reviewProblems(page, titlesOf([page]))).toEqual([
      'serving: option deployment shows as Deployment: deployment',
      'streaming: a boolean without the Yes/No review options',
    ]);
  });
});
