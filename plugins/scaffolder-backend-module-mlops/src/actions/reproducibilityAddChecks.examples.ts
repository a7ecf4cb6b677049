import { stepExamples } from './stepExamples';

export const examples = stepExamples(
  {
    id: 'reproducibility-checks',
    action: 'mlops:reproducibility:add-checks',
    name: 'Add the reproducibility checks',
  },
  [
    {
      description:
        'Write control-plane/ci-cd/checks/ (reproducibility.py, install-requirements.sh) at the root of the repository, next to the workflows that call them',
      input: {},
    },
    {
      description:
        'Write them under a sub-folder of the workspace, e.g. when a later step publishes only that folder',
      input: { targetPath: 'repo' },
    },
  ],
);
