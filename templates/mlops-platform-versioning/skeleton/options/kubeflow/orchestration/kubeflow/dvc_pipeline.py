"""Kubeflow Pipelines (KFP v2): reproduce the ${{ values.name }} DVC pipeline, one step per DVC stage.

Compile and upload it from a clone of this repository (pip install kfp==2.15.0 kfp-kubernetes==2.15.0):

    kfp dsl compile --py orchestration/kubeflow/dvc_pipeline.py --output dvc_pipeline.yaml
    kubectl -n kubeflow port-forward svc/ml-pipeline-ui 8080:80 &
    kfp --endpoint http://localhost:8080 pipeline create -p ${{ values.name }}-dvc-pipeline dvc_pipeline.yaml

(or upload dvc_pipeline.yaml on http://localhost:8080 and start a run there).

KFP runs the steps in namespace kubeflow (one KFP per cluster, shared by the
ML projects), so the bucket Secret must exist there too, under the project's
name so that projects never overwrite each other's keys:

    kubectl -n kubeflow create secret generic ${{ values.name }}-object-store \
        --from-literal=AWS_ACCESS_KEY_ID=... --from-literal=AWS_SECRET_ACCESS_KEY=...

The steps share a volume created for the run: the first step clones this
repository and pulls the data, each stage step runs exactly one DVC stage, the
last step pushes the new outputs to the DVC remote; then the volume is deleted.
"""

from kfp import dsl, kubernetes

PROJECT = "${{ values.name }}"
REPOSITORY = "https://${{ values.repoHost }}/${{ values.repoOwner }}/${{ values.repoName }}.git"
PIPELINE = "data-plane/dvc/dvc.yaml"
# The project's pipeline image (images/pipeline/Dockerfile: git, DVC and the
# pins of requirements.txt), built and pushed by CI under the immutable tag that
# control-plane/kustomization.yaml (images:, pipeline-runner) names: bump both
# together. Nothing is installed when a task starts.
IMAGE = "${{ values.imageRegistry }}/${{ values.repoOwner | lower }}/${{ values.name }}-pipeline:3.12.11-1"
# The stages of data-plane/dvc/dvc.yaml in dependency order.
STAGES = ["prepare", "train", "evaluate"]

WORKSPACE = "/workspace/repo"
SETUP = "dvc cache dir /workspace/dvc-cache"

CHECKOUT = (
    f"rm -rf {WORKSPACE} && git clone --depth 1 {REPOSITORY} {WORKSPACE} && cd {WORKSPACE} "
    f"&& {SETUP} && dvc pull --allow-missing"
)
# $0 is the stage name passed as the step's argument.
REPRODUCE_STAGE = f'cd {WORKSPACE} && {SETUP} && dvc repro --single-item "{PIPELINE}:$0"'
PUBLISH = f"cd {WORKSPACE} && {SETUP} && dvc push"


@dsl.container_component
def checkout():
    return dsl.ContainerSpec(image=IMAGE, command=["bash", "-c", f"set -euo pipefail; {CHECKOUT}"])


@dsl.container_component
def dvc_stage(stage: str):
    return dsl.ContainerSpec(
        image=IMAGE,
        command=["bash", "-c", f"set -euo pipefail; {REPRODUCE_STAGE}"],
        args=[stage],
    )


@dsl.container_component
def publish():
    return dsl.ContainerSpec(image=IMAGE, command=["bash", "-c", f"set -euo pipefail; {PUBLISH}"])


def with_project_environment(task: dsl.PipelineTask, workspace: str) -> dsl.PipelineTask:
    """The shared volume, the bucket keys and MLflow; never cached, DVC decides what to rerun."""
    kubernetes.mount_pvc(task, pvc_name=workspace, mount_path="/workspace")
    kubernetes.use_secret_as_env(
        task,
        secret_name="${{ values.name }}-object-store",
        secret_key_to_env={
            "AWS_ACCESS_KEY_ID": "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY": "AWS_SECRET_ACCESS_KEY",
        },
    )
    task.set_env_variable("MLFLOW_TRACKING_URI", f"http://mlflow.{PROJECT}.svc.cluster.local:5000")
    task.set_env_variable("MLFLOW_EXPERIMENT_NAME", PROJECT)
    task.set_cpu_request("1")
    task.set_memory_request("2Gi")
    task.set_memory_limit("4Gi")
    task.set_caching_options(False)
    return task


@dsl.pipeline(
    name=f"{PROJECT}-dvc-pipeline",
    description=f"dvc repro of {PROJECT}, one step per stage of {PIPELINE}",
)
def dvc_pipeline():
    workspace = kubernetes.CreatePVC(
        pvc_name_suffix="-dvc-workspace",
        access_modes=["ReadWriteOnce"],
        size="20Gi",
    )
    workspace_name = workspace.outputs["name"]

    previous = with_project_environment(checkout(), workspace_name)
    for stage in STAGES:
        current = with_project_environment(dvc_stage(stage=stage), workspace_name)
        current.set_display_name(stage)
        current.after(previous)
        previous = current
    last = with_project_environment(publish(), workspace_name).after(previous)

    kubernetes.DeletePVC(pvc_name=workspace_name).after(last)
