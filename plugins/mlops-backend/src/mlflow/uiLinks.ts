/** Deep links into the MLflow UI (hash routes of MLflow 2.x). */
export const mlflowUi = {
  experiment: (ui: string, experimentId: string) => `${ui}/#/experiments/${encodeURIComponent(experimentId)}`,
  run: (ui: string, experimentId: string, runId: string) =>
    `${ui}/#/experiments/${encodeURIComponent(experimentId)}/runs/${encodeURIComponent(runId)}`,
  model: (ui: string, name: string) => `${ui}/#/models/${encodeURIComponent(name)}`,
  version: (ui: string, name: string, version: string) =>
    `${ui}/#/models/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`,
};
