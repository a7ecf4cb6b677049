import { LoggerService } from '@backstage/backend-plugin-api';
import { MlopsResponseMeta } from '@mlops-portal/plugin-mlops-common';
import { MlopsConfig } from '@mlops-portal/plugin-mlops-node';
import { EntityLoader } from '../entity/loadEntity';
import { MlopsUpstreams } from '../upstream/createUpstreams';
import { ReaderAnswer } from '../upstream/fetchedAt';
import { ResilientCaller } from '../upstream/ResilientCaller';

/** What every area's routes get from the router. */
export interface RouteContext {
  entities: EntityLoader;
  upstreams: MlopsUpstreams;
  caller: ResilientCaller;
  config: MlopsConfig;
  logger: LoggerService;
  /** The answer with its `meta.demo`: the one place that sets it. */
  respond<T extends { meta: MlopsResponseMeta }>(answer: ReaderAnswer<T>): T;
}
