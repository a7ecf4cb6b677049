/**
 * The demo profile's module of the catalog backend: the demo MLflow's
 * registered models as catalog entities.
 *
 * @packageDocumentation
 */

export { catalogModuleMlopsDemoModels as default } from './catalogModule';
