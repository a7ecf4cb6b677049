import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { useApi } from '@backstage/core-plugin-api';
import { mlopsApiRef } from '../../api';
import { useMlopsEntityRef } from '../common';

/**
 * The entity's canary rollouts, re-read every `refreshMs` while one of them
 * progresses; the previous answer stays on screen during a refresh.
 */
export function useCanary(refreshMs: number) {
  const api = useApi(mlopsApiRef);
  const entityRef = useMlopsEntityRef();
  const state = useAsyncRetry(() => api.getCanary(entityRef), [api, entityRef]);
  const progressing = Boolean(
    !state.error && state.value?.rollouts.some(r => r.phase === 'progressing'),
  );
  useInterval(
    () => {
      if (!state.loading) state.retry();
    },
    progressing ? refreshMs : null,
  );
  return { ...state, refreshing: progressing };
}
