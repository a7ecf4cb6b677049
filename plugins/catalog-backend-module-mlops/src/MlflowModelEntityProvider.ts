import {
  AuthService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogService,
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { ANNOTATION_MLFLOW_REGISTERED_MODEL } from '@mlops-portal/plugin-mlops-common';
import {
  MlflowInstanceConfig,
  MlflowTransport,
  mlflowUiLinks,
  searchMlflowRegisteredModels,
} from '@mlops-portal/plugin-mlops-node';
import {
  claimKey,
  modelClaims,
  modelEntity,
  toEntityName,
} from './modelEntities';

/** What {@link MlflowModelEntityProvider} reads from. @public */
export interface MlflowModelEntityProviderOptions {
  /** The MLflow instances whose registered models become entities. */
  instances: MlflowInstanceConfig[];
  /** The instance an entity without `mlflow.org/instance` means. */
  defaultInstance?: string;
  /** How to reach an instance (the real REST API, or the demo's fake). */
  transport(instance: MlflowInstanceConfig): MlflowTransport;
  /** Milliseconds per MLflow call. */
  timeoutMs: number;
  /** Models per `registered-models/search` page; default 100. */
  pageSize?: number;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** Runs {@link MlflowModelEntityProvider.refresh}; a scheduled task runs once across replicas. */
  taskRunner: SchedulerServiceTaskRunner;
}

/**
 * Emits one catalog entity per registered model of each configured MLflow
 * instance (kind Resource, spec.type ml-model; see `modelEntity`), as a full
 * mutation: a model deleted in MLflow disappears from the catalog, an
 * unchanged one is emitted identically (the catalog does not rewrite it).
 * When any instance cannot be read completely, nothing is applied: a
 * partial list would delete the models of the failing instance.
 *
 * @public
 */
export class MlflowModelEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(private readonly options: MlflowModelEntityProviderOptions) {}

  getProviderName(): string {
    return 'mlops-mlflow-models';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: () => this.refresh(),
    });
  }

  /** Reads every instance's models and replaces the provider's entities with them. */
  async refresh(): Promise<void> {
    const { instances, logger } = this.options;
    if (!this.connection)
      throw new Error(`${this.getProviderName()} is not connected`);
    const claims = modelClaims(
      await this.claimingEntities(),
      this.options.defaultInstance,
    );
    const entities: DeferredEntity[] = [];
    const names = new Set<string>();
    for (const instance of instances) {
      let models;
      try {
        models = await searchMlflowRegisteredModels(
          this.options.transport(instance),
          {
            timeoutMs: this.options.timeoutMs,
            pageSize: this.options.pageSize,
          },
        );
      } catch (error) {
        // The previous entities stay until every instance answers.
        throw new Error(
          `MLflow instance '${
            instance.name
          }' could not list its registered models, the catalog keeps the models it has: ${
            (error as Error).message
          }`,
        );
      }
      const isDefault =
        instance.name === (this.options.defaultInstance ?? instances[0]?.name);
      for (const model of models) {
        const name = toEntityName(
          isDefault ? model.name : `${instance.name}-${model.name}`,
        );
        if (!name || names.has(name)) {
          logger.warn(
            `registered model '${model.name}' of MLflow instance '${
              instance.name
            }' is left out of the catalog: ${
              name
                ? `its entity name '${name}' is taken`
                : 'no entity name can be made from it'
            }`,
          );
          continue;
        }
        names.add(name);
        const location = `url:${mlflowUiLinks.model(
          instance.uiUrl,
          model.name,
        )}`;
        entities.push({
          entity: modelEntity(
            instance,
            model,
            name,
            claims.get(claimKey(instance.name, model.name)) ?? {
              claimedBy: [],
            },
            location,
          ),
          locationKey: `${this.getProviderName()}:${instance.name}`,
        });
      }
    }
    await this.connection.applyMutation({ type: 'full', entities });
    logger.info(`${entities.length} MLflow registered models in the catalog`);
  }

  /** The entities (other than this provider's) that name a registered model. */
  private async claimingEntities(): Promise<Entity[]> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${ANNOTATION_MLFLOW_REGISTERED_MODEL}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'spec.owner',
          'spec.type',
        ],
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    // The provider's own entities name their model too.
    return items.filter(
      e =>
        !(
          e.kind === 'Resource' &&
          (e.spec as { type?: string })?.type === 'ml-model'
        ),
    );
  }
}
