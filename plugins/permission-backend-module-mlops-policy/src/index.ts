/**
 * The MLOps portal's production permission policy, as a module of the
 * permission backend.
 *
 * @packageDocumentation
 */

export { permissionModuleMlopsPolicy as default } from './module';
export {
  MlopsPortalPolicy,
  readMlopsPolicyOptions,
  type MlopsPolicyOptions,
} from './policy';
