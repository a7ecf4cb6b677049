import { KeyboardEvent, useEffect, useRef, useState } from 'react';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import FullscreenIcon from '@material-ui/icons/Fullscreen';
import FullscreenExitIcon from '@material-ui/icons/FullscreenExit';
import {
  DependencyGraph,
  DependencyGraphTypes,
} from '@backstage/core-components';
import {
  DvcLockStatus,
  DvcPipelineResponse,
} from '@mlops-portal/plugin-mlops-common';
import { LOCK_STATUS_COLOR, LOCK_STATUS_TEXT } from './LockStatusBadge';

type StageNode = DependencyGraphTypes.DependencyNode<{
  status?: DvcLockStatus;
  selected: boolean;
  onSelect: () => void;
}>;

const CHAR_WIDTH = 7.5;
const NODE_HEIGHT = 44;

const renderStage = ({
  node,
}: DependencyGraphTypes.RenderNodeProps<StageNode>) => {
  const width = Math.max(90, node.id.length * CHAR_WIDTH + 24);
  const status = node.status;
  const statusText = status ? LOCK_STATUS_TEXT[status] : 'unknown';
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      node.onSelect();
    }
  };
  return (
    <g
      role="button"
      tabIndex={0}
      // The name is the visible text, in reading order ("train up to date").
      aria-label={`${node.id} ${statusText}`}
      aria-pressed={node.selected}
      onClick={node.onSelect}
      onKeyDown={onKeyDown}
      style={{ cursor: 'pointer' }}
    >
      <rect
        width={width}
        height={NODE_HEIGHT}
        rx={6}
        fill={status ? LOCK_STATUS_COLOR[status] : '#757575'}
        stroke={node.selected ? '#000' : 'none'}
        strokeWidth={node.selected ? 3 : 0}
      />
      <text
        x={width / 2}
        y={18}
        textAnchor="middle"
        fill="#fff"
        fontWeight="bold"
      >
        {/* The space keeps the visible text "train stale", as the name says. */}
        {`${node.id} `}
      </text>
      <text x={width / 2} y={34} textAnchor="middle" fill="#fff" fontSize={11}>
        {statusText}
      </text>
    </g>
  );
};

/** The stage DAG; a click (or Enter) on a stage selects it. */
export const StageGraph = ({
  pipeline,
  selected,
  onSelect,
}: {
  pipeline: DvcPipelineResponse;
  selected?: string;
  onSelect: (stage: string) => void;
}) => {
  const nodes: StageNode[] = pipeline.stages.map(stage => ({
    id: stage.name,
    status: pipeline.lock[stage.name]?.status,
    selected: stage.name === selected,
    onSelect: () => onSelect(stage.name),
  }));
  // One edge per stage pair; the paths that link them become the label.
  const byPair = new Map<
    string,
    { from: string; to: string; paths: string[] }
  >();
  for (const edge of pipeline.edges) {
    const key = `${edge.from}\u0000${edge.to}`;
    const entry = byPair.get(key) ?? {
      from: edge.from,
      to: edge.to,
      paths: [],
    };
    entry.paths.push(edge.path);
    byPair.set(key, entry);
  }
  const edges = [...byPair.values()].map(({ from, to, paths }) => ({
    from,
    to,
    label: paths.join(', '),
  }));
  const frame = useRef<HTMLDivElement>(null);
  const [fullscreen, setFullscreen] = useState(false);
  useEffect(() => {
    const update = () =>
      setFullscreen(
        Boolean(frame.current) && document.fullscreenElement === frame.current,
      );
    document.addEventListener('fullscreenchange', update);
    return () => document.removeEventListener('fullscreenchange', update);
  }, []);
  const canFullscreen =
    typeof document !== 'undefined' && Boolean(document.fullscreenEnabled);
  const toggleFullscreen = () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else frame.current?.requestFullscreen();
  };
  const buttonLabel = fullscreen
    ? 'Leave full screen'
    : 'Show the stage graph full screen';
  return (
    <div
      ref={frame}
      style={{
        position: 'relative',
        paddingRight: canFullscreen ? 48 : 0,
        background: 'inherit',
      }}
    >
      {canFullscreen && (
        <Box position="absolute" top={0} right={0}>
          <Tooltip title={buttonLabel}>
            <IconButton
              size="small"
              aria-label={buttonLabel}
              onClick={toggleFullscreen}
            >
              {fullscreen ? <FullscreenExitIcon /> : <FullscreenIcon />}
            </IconButton>
          </Tooltip>
        </Box>
      )}
      <DependencyGraph
        nodes={nodes}
        edges={edges}
        renderNode={renderStage}
        direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
        paddingX={16}
        paddingY={16}
        zoom="disabled"
        showArrowHeads
        fit="contain"
        // Our own button above names itself; the graph's own has no name and
        // sits outside the card.
        allowFullscreen={false}
        aria-label={`DVC stage graph: ${edges
          .map(e => `${e.from} → ${e.to}`)
          .join('; ')}`}
      />
    </div>
  );
};
