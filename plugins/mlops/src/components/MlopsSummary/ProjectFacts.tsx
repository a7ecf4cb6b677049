import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { ProjectData, championVersion, gpusHeld, valueOf } from './projectData';
import { RunStatus } from '../MlflowRunsCard/RunStatus';
import { PhaseChip } from '../CanaryCard/PhaseChip';
import { describeError, formatNumber, formatTime } from '../common';

const Failed = ({ error }: { error: Error }) => (
  <Typography variant="body2" color="error" component="span">
    {describeError(error).title}
  </Typography>
);

/** The newest run: name, status, when, and its first metric. */
export const LatestRunFact = ({
  data,
  compact,
}: {
  data: ProjectData;
  compact?: boolean;
}) => {
  if (data.runs.state === 'error') return <Failed error={data.runs.error} />;
  const run = valueOf(data.runs)?.runs[0];
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
export const ModelFact = ({
  data,
  compact,
}: {
  data: ProjectData;
  compact?: boolean;
}) => {
  if (data.model.state === 'error') return <Failed error={data.model.error} />;
  const model = valueOf(data.model);
  if (!model) return <>–</>;
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
export const CanaryFact = ({
  data,
  compact,
}: {
  data: ProjectData;
  compact?: boolean;
}) => {
  if (data.canary.state === 'error')
    return <Failed error={data.canary.error} />;
  const canary = valueOf(data.canary);
  if (!canary) return <>–</>;
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
export const GpuFact = ({
  data,
  compact,
}: {
  data: ProjectData;
  compact?: boolean;
}) => {
  if (data.gpu.state === 'error') return <Failed error={data.gpu.error} />;
  const gpu = valueOf(data.gpu);
  if (!gpu) return <>–</>;
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
  const props = { data, compact };
  if (data.runs.state !== 'absent')
    facts.push({ label: 'Latest run', value: <LatestRunFact {...props} /> });
  if (data.model.state !== 'absent')
    facts.push({ label: 'Model', value: <ModelFact {...props} /> });
  if (data.canary.state !== 'absent')
    facts.push({ label: 'Canary', value: <CanaryFact {...props} /> });
  if (data.gpu.state !== 'absent')
    facts.push({ label: 'GPUs', value: <GpuFact {...props} /> });
  return facts;
}
