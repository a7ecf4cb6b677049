"""Airflow DAG: reproduce the ${{ values.name }} DVC pipeline every night.

One pod in the project namespace clones this repository, pulls the DVC data,
runs `dvc repro` (train logs the run to the project's MLflow) and pushes the
new outputs. Airflow's git-sync loads this file from orchestration/dags.
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from kubernetes.client import models as k8s

PROJECT = "${{ values.name }}"
REPOSITORY = "https://${{ values.repoHost }}/${{ values.repoOwner }}/${{ values.repoName }}.git"
# The project's pipeline image (images/pipeline/Dockerfile: git, DVC and the
# pins of requirements.txt), built and pushed by CI under the immutable tag that
# control-plane/kustomization.yaml (images:, pipeline-runner) names: bump both
# together. Nothing is installed when a task starts.
IMAGE = "${{ values.imageRegistry }}/${{ values.repoOwner | lower }}/${{ values.name }}-pipeline:3.12.11-1"

REPRODUCE = " && ".join(
    [
        f"git clone --depth 1 {REPOSITORY} /work/repo",
        "cd /work/repo",
        "dvc cache dir /cache",
        "dvc pull --allow-missing",
        "dvc repro data-plane/dvc/dvc.yaml",
        "dvc push",
    ]
)

with DAG(
    dag_id=f"{PROJECT}-dvc-pipeline",
    description=f"dvc repro of {PROJECT} (prepare -> train -> evaluate)",
    schedule="@daily",
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=10)},
    tags=["mlops", PROJECT],
) as dag:
    KubernetesPodOperator(
        task_id="dvc-repro",
        name=f"{PROJECT}-dvc-repro",
        namespace=PROJECT,
        image=IMAGE,
        cmds=["bash", "-c"],
        arguments=[REPRODUCE],
        env_vars={
            "MLFLOW_TRACKING_URI": f"http://mlflow.{PROJECT}.svc.cluster.local:5000",
            "MLFLOW_EXPERIMENT_NAME": PROJECT,
        },
        # The bucket credentials MLflow uses also give DVC its remote.
        # MLflow asks for a user (its basic-auth app): MLFLOW_TRACKING_USERNAME/PASSWORD.
        env_from=[
            k8s.V1EnvFromSource(secret_ref=k8s.V1SecretEnvSource(name="mlflow-object-store")),
            k8s.V1EnvFromSource(secret_ref=k8s.V1SecretEnvSource(name="mlflow-client-credentials")),
        ],
        volumes=[
            k8s.V1Volume(
                name="cache",
                persistent_volume_claim=k8s.V1PersistentVolumeClaimVolumeSource(
                    claim_name=f"{PROJECT}-pipeline-cache"
                ),
            )
        ],
        volume_mounts=[k8s.V1VolumeMount(name="cache", mount_path="/cache")],
        container_resources=k8s.V1ResourceRequirements(
            requests={"cpu": "1", "memory": "2Gi"}, limits={"memory": "4Gi"}
        ),
        get_logs=True,
        on_finish_action="delete_pod",
    )
