/* eslint-disable jest/no-export -- a table test the rule tests share, not a test file of its own */
import { ConvergenceRule } from '../model';
import { messages, withoutObject } from './breaks';

/** A test of a rule: its title, the object (kind, name) taken out of the passing fixture, and the messages the rule then reports. */
export type WithoutObjectCase = [
  title: string,
  kind: string,
  name: string,
  expected: string[],
];

/** One test per case: without the object, the rule reports exactly the expected messages. */
export function itFailsWithout(
  rule: ConvergenceRule,
  cases: WithoutObjectCase[],
): void {
  it.each(cases)('%s', (_title, kind, name, expected) => {
    expect(messages(rule, withoutObject(kind, name))).toEqual(expected);
  });
}
