import Typography from '@material-ui/core/Typography';
import {
  latestLoggedModelMetrics,
  MlflowLoggedModel,
} from '@mlops-portal/plugin-mlops-common';
import { formatNumber, UpstreamLink } from '../common';

/** `accuracy 0.95 · f1 0.88`: the latest value of each metric; NaN and ∞ as such. */
export function loggedModelMetricsText(model: MlflowLoggedModel): string {
  const entries = Object.entries(latestLoggedModelMetrics(model.metrics));
  return entries.length
    ? entries.map(([key, value]) => `${key} ${formatNumber(value)}`).join(' · ')
    : 'no metrics';
}

/** `lr=0.02, n_estimators=50`. */
export function loggedModelParamsText(model: MlflowLoggedModel): string {
  const entries = Object.entries(model.params);
  return entries.length
    ? entries.map(([key, value]) => `${key}=${value}`).join(', ')
    : 'no params';
}

/** A LoggedModel's name, linked to its page in MLflow 3. */
export const LoggedModelLink = ({
  model,
  demo,
}: {
  model: MlflowLoggedModel;
  demo?: boolean;
}) => (
  <UpstreamLink
    href={model.modelUrl}
    demo={demo}
    aria-label={`LoggedModel ${model.name} in MLflow`}
  >
    {model.name}
  </UpstreamLink>
);

/**
 * One LoggedModel in a table cell: its name linked to MLflow 3's LoggedModel
 * page, its metrics, params and source run (linked through the model's own
 * experiment).
 */
export const LoggedModelFacts = ({
  model,
  demo,
}: {
  model: MlflowLoggedModel;
  demo?: boolean;
}) => (
  <>
    <LoggedModelLink model={model} demo={demo} />
    <Typography variant="caption" component="div">
      {loggedModelMetricsText(model)}
    </Typography>
    <Typography variant="caption" component="div" color="textSecondary">
      {loggedModelParamsText(model)}
      {model.sourceRunId && (
        <>
          {' · run '}
          {model.sourceRunUrl ? (
            <UpstreamLink
              href={model.sourceRunUrl}
              demo={demo}
              variant="caption"
              aria-label={`Source run of ${model.name} in MLflow`}
            >
              <code>{model.sourceRunId.slice(0, 8)}</code>
            </UpstreamLink>
          ) : (
            <code>{model.sourceRunId.slice(0, 8)}</code>
          )}
        </>
      )}
    </Typography>
  </>
);
