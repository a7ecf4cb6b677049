import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import { mlopsApiRef } from '../../api';
import { useMlopsEntityRef } from '../common';

/**
 * The entity's canary rollouts, read again `refreshMs` after each answer
 * while one of them progresses (never two requests at once, however slow the
 * backend); the previous answer stays on screen during a refresh.
 */
export function useCanary(refreshMs: number) {
  const api = useApi(mlopsApiRef);
  const entityRef = useMlopsEntityRef();
  const state = useAsyncRetry(() => api.getCanary(entityRef), [api, entityRef]);
  const { loading, value, error, retry } = state;
  const progressing = Boolean(
    !error && value?.rollouts.some(r => r.phase === 'progressing'),
  );
  useEffect(() => {
    if (!progressing || loading) return undefined;
    const timer = setTimeout(retry, refreshMs);
    return () => clearTimeout(timer);
  }, [progressing, loading, value, retry, refreshMs]);
  return { ...state, refreshing: progressing };
}
