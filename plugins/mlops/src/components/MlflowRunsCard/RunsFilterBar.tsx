import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import {
  MlflowRunStatus,
  parseMlflowRunFilter,
} from '@mlops-portal/plugin-mlops-common';
import { menuItems } from '../common';

const STATUSES: MlflowRunStatus[] = [
  'FINISHED',
  'RUNNING',
  'FAILED',
  'KILLED',
  'SCHEDULED',
];
const PAGE_SIZES = [10, 25, 50, 100];
const EXAMPLE = "metrics.f1 > 0.8 and params.model = 'random_forest'";

/**
 * The runs search: a filter in MLflow's own syntax (checked as it is applied,
 * and again by the backend, whose refusal shows under the field), a status
 * and a page size.
 */
export const RunsFilterBar = ({
  filter,
  filterError,
  onFilter,
  status,
  onStatus,
  pageSize,
  onPageSize,
}: {
  filter: string;
  /** The backend's refusal of the applied filter. */
  filterError?: string;
  onFilter: (filter: string) => void;
  status?: MlflowRunStatus;
  onStatus: (status?: MlflowRunStatus) => void;
  pageSize: number;
  onPageSize: (size: number) => void;
}) => {
  const [text, setText] = useState(filter);
  const [localError, setLocalError] = useState<string | undefined>();
  useEffect(() => setText(filter), [filter]);
  const apply = () => {
    const parsed = parseMlflowRunFilter(text.trim());
    if (!parsed.ok) {
      setLocalError(parsed.message);
      return;
    }
    setLocalError(undefined);
    onFilter(text.trim());
  };
  const error =
    localError ?? (text.trim() === filter ? filterError : undefined);
  return (
    <Box display="flex" flexWrap="wrap" alignItems="flex-start" mb={1}>
      <Box flex="1 1 420px" mr={2}>
        <TextField
          id="mlflow-runs-filter"
          label="Filter runs (MLflow search syntax)"
          placeholder={EXAMPLE}
          value={text}
          onChange={e => {
            setText(e.target.value);
            setLocalError(undefined);
          }}
          onKeyDown={e => {
            if (e.key === 'Enter') apply();
          }}
          error={Boolean(error)}
          helperText={
            error ??
            `e.g. ${EXAMPLE}; compare metrics., params., tags. or attributes. and join with AND`
          }
          fullWidth
          size="small"
          inputProps={{ spellCheck: false }}
        />
      </Box>
      <Box mt={1} mr={2}>
        <Button size="small" variant="outlined" onClick={apply}>
          Apply filter
        </Button>{' '}
        <Button
          size="small"
          disabled={!filter && !text}
          onClick={() => {
            setText('');
            setLocalError(undefined);
            onFilter('');
          }}
        >
          Clear
        </Button>
      </Box>
      <FormControl size="small" style={{ minWidth: 130, marginRight: 16 }}>
        <InputLabel id="mlflow-runs-status-label">Run status</InputLabel>
        <Select
          labelId="mlflow-runs-status-label"
          id="mlflow-runs-status"
          value={status ?? 'any'}
          onChange={e => {
            const value = e.target.value as MlflowRunStatus | 'any';
            onStatus(value === 'any' ? undefined : value);
          }}
        >
          <MenuItem value="any">any</MenuItem>
          {menuItems(STATUSES, s => s.toLocaleLowerCase('en-US'))}
        </Select>
      </FormControl>
      <FormControl size="small" style={{ minWidth: 140 }}>
        <InputLabel id="mlflow-runs-page-size-label">Runs per page</InputLabel>
        <Select
          labelId="mlflow-runs-page-size-label"
          id="mlflow-runs-page-size"
          value={pageSize}
          onChange={e => onPageSize(Number(e.target.value))}
        >
          {menuItems(PAGE_SIZES)}
        </Select>
      </FormControl>
    </Box>
  );
};
