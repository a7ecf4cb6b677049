"""Flyte workflow: reproduce the ${{ values.name }} DVC pipeline, one task per DVC stage.

Register and run it from a clone of this repository (flytekit 1.16):

    kubectl -n ${{ values.name }}-orchestration port-forward svc/${{ values.name }}-flyte-binary-http 8088:8088 &
    kubectl -n ${{ values.name }}-orchestration port-forward svc/${{ values.name }}-flyte-binary-grpc 8089:8089 &
    flytectl config init --host localhost:8089 --insecure
    pyflyte run --remote --project ${{ values.name }} --domain development \
        orchestration/flyte/dvc_pipeline.py dvc_pipeline

The tasks are raw containers of the project's pipeline image (images/pipeline:
git, DVC and requirements.txt, built in CI), so no image with flytekit is
needed. Their pods run in namespace ${{ values.name }} (Flyte's namespace
mapping) and share a workspace on the DVC cache volume: the
first task clones this repository and pulls the data, each stage task runs
exactly one DVC stage, the last task pushes the new outputs to the DVC remote.
"""

from flytekit import ContainerTask, PodTemplate, Resources, workflow
from kubernetes.client import (
    V1Container,
    V1PersistentVolumeClaimVolumeSource,
    V1PodSpec,
    V1Volume,
    V1VolumeMount,
)

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

# One working copy per execution on the cache volume (FLYTE_INTERNAL_EXECUTION_ID
# is set in every task pod by Flyte).
WORKSPACE = "/cache/runs/$FLYTE_INTERNAL_EXECUTION_ID"
SETUP = "dvc cache dir /cache/dvc"

POD_TEMPLATE = PodTemplate(
    primary_container_name="primary",
    pod_spec=V1PodSpec(
        service_account_name="flyte-pipeline-runner",
        containers=[
            V1Container(
                name="primary",
                volume_mounts=[V1VolumeMount(name="cache", mount_path="/cache")],
            )
        ],
        volumes=[
            V1Volume(
                name="cache",
                persistent_volume_claim=V1PersistentVolumeClaimVolumeSource(
                    claim_name=f"{PROJECT}-pipeline-cache"
                ),
            )
        ],
    ),
)


def shell_task(name: str, script: str) -> ContainerTask:
    """A task that runs one shell script in the pipeline image with the project's environment."""
    return ContainerTask(
        name=f"{PROJECT}-{name}",
        image=IMAGE,
        command=["bash", "-c", f"set -euo pipefail; {script}"],
        environment={
            "MLFLOW_TRACKING_URI": f"http://mlflow.{PROJECT}.svc.cluster.local:5000",
            "MLFLOW_EXPERIMENT_NAME": PROJECT,
        },
        requests=Resources(cpu="1", mem="2Gi"),
        limits=Resources(mem="4Gi"),
        pod_template=POD_TEMPLATE,
    )


checkout = shell_task(
    "checkout",
    f"rm -rf {WORKSPACE} && git clone --depth 1 {REPOSITORY} {WORKSPACE} && cd {WORKSPACE} "
    f"&& {SETUP} && dvc pull --allow-missing",
)

stage_tasks = [
    shell_task(
        f"dvc-{stage}",
        f"cd {WORKSPACE} && {SETUP} && dvc repro --single-item {PIPELINE}:{stage}",
    )
    for stage in STAGES
]

publish = shell_task(
    "publish",
    f"cd {WORKSPACE} && {SETUP} && dvc push && cd / && rm -rf {WORKSPACE}",
)


@workflow
def dvc_pipeline() -> None:
    """checkout -> prepare -> train -> evaluate -> publish, strictly in that order."""
    previous = checkout()
    for task in stage_tasks:
        current = task()
        previous >> current
        previous = current
    previous >> publish()
