import { actionsPinnedRule } from './actionsPinned';
import { goodProject } from '../__fixtures__/goodProject';
import { messages, withFile } from '../__fixtures__/breaks';

describe('GitHub Actions pinning rule', () => {
  it('passes third-party actions pinned by SHA', () => {
    expect(messages(actionsPinnedRule, goodProject())).toEqual([]);
  });

  it('fails a third-party action pinned by a tag', () => {
    const model = withFile(
      '.github/workflows/ci.yml',
      'on: push\njobs:\n  plan:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: hashicorp/setup-terraform@v3\n',
    );
    expect(messages(actionsPinnedRule, model)).toEqual([
      '.github/workflows/ci.yml job plan: hashicorp/setup-terraform@v3 is not pinned by a commit SHA',
    ]);
  });
});
