import { defineRule } from '../model';
import { stringsUnderKey } from '../podTemplates';

import type { Json } from '../model';

export const servedModelFile = 'control-plane/serving/served-model.env';

/** `KEY=value` lines of a kustomize env file. */
export function parseEnvFile(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .map(l => l.trim())
      .filter(l => l && !l.startsWith('#') && l.includes('='))
      .map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

function allStrings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(allStrings);
  if (node && typeof node === 'object')
    return Object.values(node).flatMap(allStrings);
  return [];
}

/**
 * The served model version is a fixed version pinned in Git, in one file
 * (control-plane/serving/served-model.env, MODEL_NAME + integer
 * MODEL_VERSION): no `models:/name@alias` or `latest`, and every serving
 * object reads the version from that file (the generated ConfigMap, or the
 * value kustomize replacements copied from it), so a promotion is a commit
 * that changes the pod template and runs the canary.
 */
export const servedModelRule = defineRule(
  'served-model',
  'the served model version is a fixed version pinned in served-model.env',
  (model, report) => {
    const objects = model.objects as Json[];
    for (const o of objects) {
      const subject = `${o.kind} ${o.metadata?.namespace ?? ''}/${
        o.metadata?.name
      }`;
      for (const text of allStrings(o)) {
        for (const match of text.matchAll(/models:\/[^\s"',]+/g)) {
          if (/@|\/latest$|\/(Production|Staging)$/.test(match[0])) {
            report(subject, `serves ${match[0]}, which moves without a commit`);
          }
        }
      }
    }
    for (const [file, text] of model.files) {
      if (!/^(serving|training|orchestration)\/.*\.py$/.test(file)) continue;
      for (const match of text.matchAll(/models:\/[^\s"']*@[A-Za-z{}_]+/g)) {
        report(file, `serves ${match[0]}, which moves without a commit`);
      }
    }
    const serving = objects.filter(
      o =>
        o.kind === 'InferenceService' ||
        o.kind === 'RayService' ||
        (o.kind === 'Deployment' && /-serving$/.test(o.metadata?.name ?? '')),
    );
    if (serving.length === 0) return;
    const env = model.files.get(servedModelFile);
    if (!env) {
      report(
        servedModelFile,
        'missing: the served model version must be pinned in Git',
      );
      return;
    }
    const pinned = parseEnvFile(env);
    if (!pinned.MODEL_NAME || !/^\d+$/.test(pinned.MODEL_VERSION ?? '')) {
      report(servedModelFile, 'needs MODEL_NAME and an integer MODEL_VERSION');
      return;
    }
    const configMaps = objects.filter(
      o =>
        o.kind === 'ConfigMap' &&
        o.data?.MODEL_VERSION === pinned.MODEL_VERSION &&
        o.data?.MODEL_NAME === pinned.MODEL_NAME,
    );
    for (const o of serving) {
      const subject = `${o.kind} ${o.metadata?.namespace ?? ''}/${
        o.metadata?.name
      }`;
      const usesConfigMap = configMaps.some(cm =>
        [...stringsUnderKey(o, 'name').map(s => s.value)].includes(
          cm.metadata.name,
        ),
      );
      const storageUris = stringsUnderKey(o, 'storageUri').map(s => s.value);
      const envVersion = JSON.stringify(o).includes(
        `"name":"MODEL_VERSION","value":"${pinned.MODEL_VERSION}"`,
      );
      const ok =
        o.kind === 'InferenceService'
          ? storageUris.length > 0 &&
            storageUris.every(uri =>
              uri.endsWith(`/${pinned.MODEL_NAME}/${pinned.MODEL_VERSION}`),
            )
          : usesConfigMap || envVersion;
      if (!ok) {
        report(
          subject,
          `does not read MODEL_VERSION ${pinned.MODEL_VERSION} from ${servedModelFile}`,
        );
      }
    }
  },
);
