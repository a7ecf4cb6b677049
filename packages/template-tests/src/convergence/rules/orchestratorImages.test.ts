import {
  executablePython,
  orchestratorImagesRule,
  pythonImages,
} from './orchestratorImages';
import { goodProject } from '../__fixtures__/goodProject';
import { messages } from '../__fixtures__/breaks';
import { ClusterModel } from '../model';

const image = 'ghcr.io/acme/demo-pipeline:3.12.11-1';

/** A render with an orchestrator: the kustomization naming the pipeline image, and a DAG, a KFP and a Flyte file using it. */
function orchestrated(
  change: (files: Record<string, string>) => void = () => {},
): ClusterModel {
  const files: Record<string, string> = {
    'control-plane/kustomization.yaml': `resources: [mlflow]
images:
  - name: mlflow-server
    newName: ghcr.io/acme/demo-mlflow
    newTag: 3.18.0-1
  - name: pipeline-runner
    newName: ghcr.io/acme/demo-pipeline
    newTag: 3.12.11-1
`,
    'orchestration/dags/dvc_pipeline.py': `"""Airflow DAG.

Run it after: pip install apache-airflow (instructions, not a task command).
"""
IMAGE = "${image}"
REPRODUCE = " && ".join(["git clone --depth 1 https://github.com/acme/demo.git /work/repo", "dvc repro"])
KubernetesPodOperator(
    task_id="dvc-repro",
    image=IMAGE,  # the pipeline image
    cmds=["bash", "-c"],
    arguments=[REPRODUCE],
)
`,
    'orchestration/kubeflow/dvc_pipeline.py': `IMAGE = "${image}"
SETUP = "dvc cache dir /workspace/dvc-cache"

@dsl.container_component
def checkout():
    """One step."""
    return dsl.ContainerSpec(image=IMAGE, command=["bash", "-c", f"set -euo pipefail; {SETUP}"])
`,
    'orchestration/flyte/dvc_pipeline.py': `def shell_task(name, script):
    return ContainerTask(name=name, image="${image}", command=["bash", "-c", script])
`,
  };
  change(files);
  const model = goodProject();
  for (const [file, text] of Object.entries(files)) model.files.set(file, text);
  return model;
}

describe('orchestrator-images rule', () => {
  it('passes task images CI builds and commands without installers (docstrings and comments are not commands)', () => {
    expect(messages(orchestratorImagesRule, orchestrated())).toEqual([]);
    expect(
      pythonImages(
        orchestrated().files.get('orchestration/dags/dvc_pipeline.py')!,
      ),
    ).toEqual([{ expression: 'image=IMAGE', image }]);
    expect(
      executablePython('"""pip install x"""\nA = 1  # pip install y\n'),
    ).toEqual('\nA = 1  \n');
  });

  it('fails a public moving tag, an unpinned image, and an image nobody builds', () => {
    const model = orchestrated(files => {
      files['orchestration/dags/dvc_pipeline.py'] = files[
        'orchestration/dags/dvc_pipeline.py'
      ].replace(`IMAGE = "${image}"`, 'IMAGE = "python:3.12"');
      files['orchestration/kubeflow/dvc_pipeline.py'] = files[
        'orchestration/kubeflow/dvc_pipeline.py'
      ].replace(`IMAGE = "${image}"`, 'IMAGE = "ghcr.io/acme/demo-pipeline"');
      files['orchestration/flyte/dvc_pipeline.py'] = files[
        'orchestration/flyte/dvc_pipeline.py'
      ].replace(image, 'ghcr.io/acme/demo-pipeline:3.12.11-2');
    });
    const built =
      '(control-plane/kustomization.yaml images: ghcr.io/acme/demo-mlflow:3.18.0-1, ghcr.io/acme/demo-pipeline:3.12.11-1) nor pinned by digest';
    expect(messages(orchestratorImagesRule, model)).toEqual([
      `orchestration/dags/dvc_pipeline.py: task image "python:3.12" is not an image CI builds ${built}`,
      `orchestration/kubeflow/dvc_pipeline.py: task image "ghcr.io/acme/demo-pipeline" is not pinned and not an image CI builds ${built}`,
      `orchestration/flyte/dvc_pipeline.py: task image "ghcr.io/acme/demo-pipeline:3.12.11-2" is not an image CI builds ${built}`,
    ]);
  });

  it('accepts an image pinned by digest, and fails an image it cannot read', () => {
    const digest = `docker.io/library/python@sha256:${'a'.repeat(64)}`;
    const flyte = 'orchestration/flyte/dvc_pipeline.py';
    /** What the rule reports with `from` replaced by `to` in the Flyte pipeline. */
    const withFlyte = (from: string, to: string) =>
      messages(
        orchestratorImagesRule,
        orchestrated(files => {
          files[flyte] = files[flyte].replace(from, to);
        }),
      );
    expect(withFlyte(image, digest)).toEqual([]);
    expect(withFlyte(`"${image}"`, 'os.environ["IMAGE"]')).toEqual([
      'orchestration/flyte/dvc_pipeline.py: image=os.environ: the image is not a string constant of the file, so it cannot be checked',
    ]);
  });

  it('fails a task command that pip-installs at start', () => {
    const model = orchestrated(files => {
      files['orchestration/kubeflow/dvc_pipeline.py'] = files[
        'orchestration/kubeflow/dvc_pipeline.py'
      ].replace(
        'SETUP = "dvc cache dir /workspace/dvc-cache"',
        'SETUP = "pip install --no-cache-dir -r requirements.txt && dvc cache dir /workspace/dvc-cache"',
      );
    });
    expect(messages(orchestratorImagesRule, model)).toEqual([
      'orchestration/kubeflow/dvc_pipeline.py: a task command runs a package installer at start: SETUP = "pip install --no-cache-dir -r requirements.txt && dvc cache dir /workspace/dvc-cache"',
    ]);
  });
});
