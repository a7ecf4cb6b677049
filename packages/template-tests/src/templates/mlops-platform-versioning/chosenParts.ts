import type { JsonObject } from '@backstage/types';
import { mlProjectParts } from '@mlops-portal/plugin-mlops-common';

/**
 * Whether form values get any of these parts (folders under
 * skeleton/options), as mlops-common's ML_PROJECT_PARTS says; parts.test.ts
 * proves the template's fetch-options step renders exactly those parts.
 */
export const chosen =
  (...parts: string[]) =>
  (values: JsonObject) =>
    mlProjectParts({
      ...values,
      repoHost: String(values.repoUrl).split('?')[0],
    }).some(part => parts.includes(part));
