/**
 * The MLOps plugin for apps on the new frontend system.
 *
 * @packageDocumentation
 */
export { default } from './alpha/plugin';
export * from './alpha/plugin';
