"""Ray Serve app of the RayService in control-plane/serving/ray-service.yaml.

Serves the registered model version MODEL_NAME/MODEL_VERSION (pinned in
control-plane/serving/served-model.env and set in the workers' environment),
loaded through the MLflow tracking server in MLFLOW_TRACKING_URI. A promotion
bumps MODEL_VERSION in Git; KubeRay then starts a cluster with the new version
and switches traffic once it is ready.

Request: POST / with {"instances": [[f0, f1, ...], ...]} or MLflow's
{"dataframe_split": {"columns": [...], "data": [[...], ...]}}.
Response: {"predictions": [...], "model_uri": "...", "run_id": "..."}.
"""

import os

import mlflow
import pandas as pd
from ray import serve
from starlette.requests import Request
from starlette.responses import JSONResponse


def to_frame(payload):
    """The request body as the DataFrame the MLflow pyfunc model expects."""
    if "dataframe_split" in payload:
        split = payload["dataframe_split"]
        return pd.DataFrame(split["data"], columns=split.get("columns"))
    if "instances" in payload:
        return pd.DataFrame(payload["instances"])
    raise ValueError('body must have "instances" or "dataframe_split"')


@serve.deployment
class ChampionModel:
    def __init__(self):
        self.model_uri = f"models:/{os.environ['MODEL_NAME']}/{int(os.environ['MODEL_VERSION'])}"
        self.model = mlflow.pyfunc.load_model(self.model_uri)

    async def __call__(self, request: Request):
        try:
            frame = to_frame(await request.json())
        except (ValueError, KeyError, TypeError) as error:
            return JSONResponse({"error": str(error)}, status_code=400)
        predictions = self.model.predict(frame)
        return {
            "predictions": [value.item() if hasattr(value, "item") else value for value in predictions],
            "model_uri": self.model_uri,
            "run_id": self.model.metadata.run_id,
        }


app = ChampionModel.bind()
