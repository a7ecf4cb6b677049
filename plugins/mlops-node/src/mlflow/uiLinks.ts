function base(ui: string) {
  return ui.replace(/\/+$/, '');
}

/**
 * Deep links into the MLflow UI (hash routes of MLflow 2.x and 3.x). `ui` is
 * the instance's `uiUrl`; trailing slashes are dropped.
 *
 * @public
 */
export const mlflowUiLinks = {
  experiment: (ui: string, experimentId: string) =>
    `${base(ui)}/#/experiments/${encodeURIComponent(experimentId)}`,
  run: (ui: string, experimentId: string, runId: string) =>
    `${base(ui)}/#/experiments/${encodeURIComponent(
      experimentId,
    )}/runs/${encodeURIComponent(runId)}`,
  // One builder per MLflow UI page: alike in shape only.
  model: (ui: string, name: string) =>
    `${base(ui)}/#/models/${encodeURIComponent(name)}`,
  version: (ui: string, name: string, version: string) =>
    `${base(ui)}/#/models/${encodeURIComponent(
      name,
    )}/versions/${encodeURIComponent(version)}`,
  /** MLflow 3's LoggedModel page. */
  loggedModel: (ui: string, experimentId: string, modelId: string) =>
    `${base(ui)}/#/experiments/${encodeURIComponent(
      experimentId,
    )}/models/${encodeURIComponent(modelId)}`,
};
