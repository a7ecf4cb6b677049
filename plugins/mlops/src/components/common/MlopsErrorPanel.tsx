import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { describeError } from './describeError';

/** Says which upstream failed and why; the other cards keep working. */
export const MlopsErrorPanel = ({
  error,
  onRetry,
}: {
  error: Error;
  onRetry?: () => void;
}) => {
  const { title, detail } = describeError(error);
  return (
    <Alert
      severity="error"
      action={
        onRetry ? (
          <Button color="inherit" size="small" onClick={onRetry}>
            Retry
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{title}</AlertTitle>
      {detail}
    </Alert>
  );
};
