import { parse } from 'yaml';
import { defineRule } from '../model';

import type { Json } from '../model';

/** Actions of the workflow's own repository or GitHub's `actions/` / `github/` organisations count as first party. */
const firstParty = /^(actions|github)\//;

/**
 * Every third-party GitHub Action is pinned by a full commit SHA (a tag can
 * be moved to other code); first-party actions at least by a version tag.
 */
export const actionsPinnedRule = defineRule(
  'actions-pinned',
  'third-party GitHub Actions are pinned by commit SHA',
  (model, report) => {
    for (const [file, text] of model.files) {
      if (!/^\.github\/workflows\/.*\.ya?ml$/.test(file)) continue;
      const workflow = parse(text) as Json;
      for (const [jobName, job] of Object.entries<Json>(workflow.jobs ?? {})) {
        for (const step of job.steps ?? []) {
          const uses: string | undefined = step.uses;
          if (!uses || uses.startsWith('./') || uses.startsWith('docker://'))
            continue;
          const [action, ref = ''] = uses.split('@');
          const sha = /^[0-9a-f]{40}$/.test(ref);
          if (!sha && !(firstParty.test(action) && /^v\d/.test(ref))) {
            report(
              `${file} job ${jobName}`,
              `${uses} is not pinned by a commit SHA`,
            );
          }
        }
      }
    }
  },
);
