import { LoggerService } from '@backstage/backend-plugin-api';
import { MLOPS_ERROR_STATUS } from '@mlops-portal/plugin-mlops-common';
import { ErrorRequestHandler } from 'express';
import { MlopsError } from './MlopsError';

/**
 * Maps every error of the MLOps routes to its response, and logs it once.
 * Errors other than {@link MlopsError} are bugs: they go to Backstage's own
 * handler (a 500) after being logged here.
 */
export function createErrorHandler(logger: LoggerService): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (!(error instanceof MlopsError)) {
      logger.error(
        `${req.method} ${req.originalUrl} failed unexpectedly`,
        error,
      );
      next(error);
      return;
    }
    const status = MLOPS_ERROR_STATUS[error.code];
    const { upstream, upstreamStatus } = error.details;
    const line = `${req.method} ${req.originalUrl} -> ${status} ${error.code}: ${error.message}`;
    const fields = {
      code: error.code,
      ...(upstream ? { upstream } : {}),
      ...(upstreamStatus !== undefined ? { upstreamStatus } : {}),
    };
    if (
      error.code === 'UpstreamError' ||
      error.code === 'UpstreamUnavailable'
    ) {
      logger.warn(line, fields);
    } else {
      logger.info(line, fields);
    }
    res.status(status).json(error.toBody());
  };
}
