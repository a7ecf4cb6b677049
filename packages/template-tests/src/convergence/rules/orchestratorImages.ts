import { parse } from 'yaml';
import { ClusterModel, defineRule } from '../model';
import { isPinnedImage, runsPackageInstaller } from './images';

/** Where the repository names the images CI builds and pushes (kustomize `images:`). */
export const builtImagesFile = 'control-plane/kustomization.yaml';

/** `newName:newTag` of every image CI builds, from control-plane/kustomization.yaml. */
export function builtImages(model: ClusterModel): string[] {
  const text = model.files.get(builtImagesFile);
  if (!text) return [];
  const images: Array<{ newName?: string; newTag?: string }> =
    (parse(text) as { images?: [] })?.images ?? [];
  return images
    .filter(i => i.newName && i.newTag)
    .map(i => `${i.newName}:${i.newTag}`);
}

/**
 * Python source without what never runs: `#` comments and the docstrings
 * (a triple-quoted string that starts a line), so the compile-and-upload
 * instructions of a docstring are not taken for a task's command.
 */
export function executablePython(source: string): string {
  return source
    .replace(/^\s*("""|''')[\s\S]*?\1/gm, '')
    .replace(/(^|\s)#.*$/gm, '$1');
}

/** Module-level string constants (`NAME = "..."`) by name. */
function constants(source: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of source.matchAll(
    /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(["'])(.*?)\2\s*$/gm,
  )) {
    found.set(m[1], m[3]);
  }
  return found;
}

/** Every `image=` keyword argument of a Python file, with its value resolved when it is a literal or a constant. */
export function pythonImages(
  source: string,
): Array<{ expression: string; image?: string }> {
  const code = executablePython(source);
  const names = constants(code);
  return [
    ...code.matchAll(
      /\bimage\s*=\s*(?:(["'])(.*?)\1|([A-Za-z_][A-Za-z0-9_.]*))/g,
    ),
  ].map(m =>
    m[2] !== undefined
      ? { expression: m[0], image: m[2] }
      : { expression: m[0], image: names.get(m[3]) },
  );
}

/**
 * Orchestrator task pods (Airflow KubernetesPodOperator, Kubeflow Pipelines
 * components, Flyte ContainerTasks) are declared in Python, which kustomize
 * never sees: their images are the project's images CI builds (named with
 * their immutable tag in control-plane/kustomization.yaml) or pinned by
 * digest, and no command they run installs packages at start.
 */
export const orchestratorImagesRule = defineRule(
  'orchestrator-images',
  'orchestrator task pods (Python) run an image CI builds, and install nothing at start',
  (model, report) => {
    const built = builtImages(model);
    for (const [file, source] of model.files) {
      if (!file.startsWith('orchestration/') || !file.endsWith('.py')) continue;
      const subject = file;
      for (const { expression, image } of pythonImages(source)) {
        if (image === undefined) {
          report(
            subject,
            `${expression}: the image is not a string constant of the file, so it cannot be checked`,
          );
        } else if (
          !(/@sha256:[0-9a-f]{64}$/.test(image) || built.includes(image))
        ) {
          report(
            subject,
            `task image "${image}" is ${
              isPinnedImage(image)
                ? 'not an image CI builds'
                : 'not pinned and not an image CI builds'
            } (${builtImagesFile} images: ${
              built.join(', ') || 'none'
            }) nor pinned by digest`,
          );
        }
      }
      const code = executablePython(source);
      for (const line of code.split('\n')) {
        if (runsPackageInstaller(line)) {
          report(
            subject,
            `a task command runs a package installer at start: ${line
              .trim()
              .slice(0, 120)}`,
          );
        }
      }
    }
  },
);
