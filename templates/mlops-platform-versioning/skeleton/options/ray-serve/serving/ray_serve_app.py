"""Ray Serve app of the RayService in control-plane/serving/ray-service.yaml.

Serves the MLflow model in `user_config.model_uri` (the registered model
`${{ values.name }}` at alias "champion"), loaded through the MLflow tracking
server in MLFLOW_TRACKING_URI. Changing `user_config` in the RayService (e.g.
bumping `revision` after moving the alias) reloads the model in every replica
without downtime.

Request: POST / with {"instances": [[f0, f1, ...], ...]} or MLflow's
{"dataframe_split": {"columns": [...], "data": [[...], ...]}}.
Response: {"predictions": [...], "model_uri": "...", "run_id": "..."}.
"""

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
        self.model = None
        self.model_uri = None

    def reconfigure(self, config):
        """Called with user_config at start and whenever it changes."""
        self.model_uri = config["model_uri"]
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
