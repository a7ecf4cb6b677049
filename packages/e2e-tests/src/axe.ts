/*
 * An accessibility check with axe-core, injected into the page under test
 * (the npm package's own build, no browser download). It fails on serious
 * and critical findings and names each one with the elements it hit.
 */
import fs from 'node:fs';
import type { AxeResults, Result, RunOptions } from 'axe-core';
import { expect, Page } from '@playwright/test';

const AXE_SOURCE = fs.readFileSync(
  require.resolve('axe-core/axe.min.js'),
  'utf8',
);

/** The impacts that fail the check. */
export const FAILING_IMPACTS = ['serious', 'critical'] as const;

/** What axe says about the page (or part of it), WCAG 2.1 A/AA and best practices. */
export async function runAxe(
  page: Page,
  include?: string,
): Promise<AxeResults> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const options: RunOptions = {
    runOnly: {
      type: 'tag',
      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
    },
    resultTypes: ['violations'],
  };
  return page.evaluate(
    async ({ context, runOptions }) => {
      const axe = (
        window as unknown as {
          axe: { run: (c: unknown, o: unknown) => Promise<AxeResults> };
        }
      ).axe;
      return axe.run(context ?? document, runOptions);
    },
    { context: include, runOptions: options },
  );
}

/** One line per finding: rule, impact, help and the first elements it hit. */
export function describeViolations(violations: Result[]): string {
  return violations
    .map(
      v =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes
          .slice(0, 5)
          .map(
            n =>
              `    ${n.target.join(' ')}: ${n.failureSummary
                ?.split('\n')
                .slice(1)
                .join(' ')}`,
          )
          .join('\n')}`,
    )
    .join('\n');
}

/** Fails with the list of serious and critical findings, if any. */
export async function expectNoSeriousA11yViolations(
  page: Page,
  include?: string,
) {
  const results = await runAxe(page, include);
  const failing = results.violations.filter(v =>
    (FAILING_IMPACTS as readonly string[]).includes(v.impact ?? ''),
  );
  expect(failing, describeViolations(failing)).toEqual([]);
  return results;
}
