import { ClusterModel, defineRule } from './model';

const model: ClusterModel = {
  project: 'demo',
  objects: [],
  files: new Map([
    ['a.yaml', ''],
    ['b.yaml', ''],
  ]),
  createdByHand: [],
};

describe('defineRule', () => {
  it('puts the rule id into each violation the check reports, in order', () => {
    const rule = defineRule('every-file', 'reports every file', (m, report) => {
      for (const file of m.files.keys()) report(file, 'is a file');
    });
    expect(rule.id).toBe('every-file');
    expect(rule.description).toBe('reports every file');
    expect(rule.check(model)).toEqual([
      { rule: 'every-file', subject: 'a.yaml', message: 'is a file' },
      { rule: 'every-file', subject: 'b.yaml', message: 'is a file' },
    ]);
  });

  it('returns no violation when the check reports none, and a fresh list each check', () => {
    let calls = 0;
    const rule = defineRule(
      'once',
      'reports on the first check only',
      (_m, report) => {
        if (calls++ === 0) report('x', 'first');
      },
    );
    expect(rule.check(model)).toHaveLength(1);
    expect(rule.check(model)).toEqual([]);
  });
});
