import { defineRule, describe } from '../model';
import { containersOf, podTemplates, stringsUnderKey } from '../podTemplates';
import { parse } from 'yaml';

import type { Json } from '../model';

/** An image reference is pinned when it has a digest, or a tag that is not `latest`. */
export function isPinnedImage(image: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  if (colon < 0) return false;
  const tag = lastSegment.slice(colon + 1);
  return tag !== '' && tag !== 'latest';
}

/** pip/uv/conda/apt/apk/dnf/yum/npm/yarn/gem installing something. */
const installer =
  /\b(pip3?|python3?\s+-m\s+pip|uv\s+pip|conda|mamba|apt(-get)?|apk|dnf|yum|npm|yarn|pnpm|gem)\s+(install|add)\b/;

export function runsPackageInstaller(command: string): boolean {
  return installer.test(command);
}

/** Ray runtime environments that install packages when the job or app starts. */
function rayRuntimePip(object: Json): string[] {
  const texts: string[] = [];
  if (typeof object.spec?.serveConfigV2 === 'string')
    texts.push(object.spec.serveConfigV2);
  if (typeof object.spec?.runtimeEnvYAML === 'string')
    texts.push(object.spec.runtimeEnvYAML);
  return texts.flatMap(text => {
    const found: string[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (['pip', 'conda', 'uv'].includes(k)) found.push(k);
          walk(v);
        }
      }
    };
    walk(parse(text));
    return found;
  });
}

/**
 * Every image is pinned (digest, or a tag other than `latest`) and no
 * container installs packages when it starts: an installer at start needs
 * registry egress on every restart and gets whatever transitive versions are
 * current that day.
 */
export const imagesRule = defineRule(
  'images',
  'images pinned, no package installer at start',
  (model, report) => {
    for (const object of model.objects as Json[]) {
      for (const { path, value } of stringsUnderKey(object, 'image')) {
        if (!isPinnedImage(value)) {
          report(
            describe(object as never),
            `${path} image "${value}" is not pinned to a tag or digest`,
          );
        }
      }
      for (const key of rayRuntimePip(object)) {
        report(
          describe(object as never),
          `the Ray runtime environment installs packages at start (${key})`,
        );
      }
    }
    for (const template of podTemplates(model.objects)) {
      for (const container of containersOf(template.spec)) {
        const command = [
          ...(container.command ?? []),
          ...(container.args ?? []),
        ].join(' ');
        if (runsPackageInstaller(command)) {
          report(
            `${describe(template.owner)} container ${container.name}`,
            `runs a package installer at start: ${command.slice(0, 120)}`,
          );
        }
      }
    }
  },
);
