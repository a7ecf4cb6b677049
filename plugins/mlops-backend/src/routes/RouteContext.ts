import { LoggerService } from '@backstage/backend-plugin-api';
import { MlopsConfig } from '@mlops-portal/plugin-mlops-node';
import { EntityLoader } from '../entity/loadEntity';
import { MlopsUpstreams } from '../upstream/createUpstreams';
import { ResilientCaller } from '../upstream/ResilientCaller';

/** What every area's routes get from the router. */
export interface RouteContext {
  entities: EntityLoader;
  upstreams: MlopsUpstreams;
  caller: ResilientCaller;
  config: MlopsConfig;
  logger: LoggerService;
}
