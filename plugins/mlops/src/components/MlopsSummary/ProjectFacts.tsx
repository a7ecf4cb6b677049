import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import {
  CanaryResponse,
  GpuUsageResponse,
  MlflowModelResponse,
  MlflowRunsResponse,
} from '@mlops-portal/plugin-mlops-common';
import { Part, ProjectData, championVersion, gpusHeld } from './projectData';
import { RunStatus } from '../MlflowRunsCard/RunStatus';
import { PhaseChip } from '../CanaryCard/PhaseChip';
import { describeError, formatNumber, formatTime } from '../common';

/** One part's fact: why it failed, `–` until it has a value, else `render`. */
function PartFact<T>({
  part,
  render,
}: {
  part: Part<T>;
  render: (value: T) => ReactNode;
}) {
  if (part.state === 'error') {
    return (
      <Typography variant="body2" color="error" component="span">
        {describeError(part.error).title}
      </Typography>
    );
  }
  if (part.state !== 'ok') return <>–</>;
  return <>{render(part.value)}</>;
}

/** The newest run: name, status, when, and its first metric. */
const latestRunFact = (
  { runs: [run] }: MlflowRunsResponse,
  compact: boolean,
) => {
  if (!run) return <>no runs yet</>;
  const [metric] = Object.keys(run.metrics);
  if (compact) {
    return (
      <>
        {run.runName} <RunStatus status={run.status} />
        {metric && ` ${metric} ${formatNumber(run.metrics[metric])}`}
      </>
    );
  }
  return (
    <>
      {run.runName} <RunStatus status={run.status} /> started{' '}
      {formatTime(run.startTime)}
      {metric && ` · ${metric} ${formatNumber(run.metrics[metric])}`}
    </>
  );
};

/** The registered model and the version its champion alias names. */
const modelFact = (model: MlflowModelResponse, compact: boolean) => {
  const champion = championVersion(model);
  if (compact) {
    return (
      <>
        {champion
          ? `version ${champion.version} @${champion.alias}`
          : `${model.versions.length} versions`}
      </>
    );
  }
  return (
    <>
      {model.model.name}
      {champion
        ? `: version ${champion.version} is @${champion.alias}`
        : `: ${model.versions.length} versions, none aliased`}
    </>
  );
};

/** Each canary: phase, weight and the model version it rolls out. */
const canaryFact = (canary: CanaryResponse, compact: boolean) => {
  if (canary.rollouts.length === 0) return <>no canary rollouts</>;
  if (compact) {
    return (
      <>
        {canary.rollouts.map(r => (
          <span
            key={`${r.cluster}/${r.namespace}/${r.name}`}
            style={{ marginRight: 8, whiteSpace: 'nowrap' }}
          >
            <PhaseChip phase={r.phase} /> {r.currentWeight}%
          </span>
        ))}
      </>
    );
  }
  return (
    <>
      {canary.rollouts.map(r => (
        <span
          key={`${r.cluster}/${r.namespace}/${r.name}`}
          style={{ display: 'block' }}
        >
          {r.name} on {r.cluster} <PhaseChip phase={r.phase} />{' '}
          {r.currentWeight}% of traffic
          {r.modelVersion && ` to model version ${r.modelVersion}`}
        </span>
      ))}
    </>
  );
};

/** GPUs the project holds, and how many of them idle. */
const gpuFact = (gpu: GpuUsageResponse, compact: boolean) => {
  const { held, pending, idle, clusters, unreadable } = gpusHeld(gpu);
  if (compact) {
    return (
      <>
        {held} held{pending > 0 && `, ${pending} pending`}
        {idle > 0 && `, ${idle} idle`}
      </>
    );
  }
  return (
    <>
      {held} GPU{held === 1 ? '' : 's'} held on {clusters} cluster
      {clusters === 1 ? '' : 's'}
      {idle > 0 && `, ${idle} of them idle`}
      {pending > 0 && `; ${pending} more requested by pending pods`}
      {unreadable > 0 &&
        `; ${unreadable} cluster${
          unreadable === 1 ? '' : 's'
        } could not be read`}
    </>
  );
};

/**
 * Facts of one project as label/value rows, only those it has; `compact`
 * for a row of a table of projects.
 */
export function projectFacts(
  data: ProjectData,
  compact = false,
): Array<{ label: string; value: ReactNode }> {
  const facts: Array<{ label: string; value: ReactNode }> = [];
  const add = <T,>(
    label: string,
    part: Part<T>,
    render: (value: T, compact: boolean) => ReactNode,
  ) => {
    if (part.state === 'absent') return;
    const value = <PartFact part={part} render={v => render(v, compact)} />;
    facts.push({ label, value });
  };
  add('Latest run', data.runs, latestRunFact);
  add('Model', data.model, modelFact);
  add('Canary', data.canary, canaryFact);
  add('GPUs', data.gpu, gpuFact);
  return facts;
}
