import { isResourcePermission } from '@backstage/plugin-permission-common';
import { mlopsRoutePatterns } from './api/routes';
import {
  mlopsCanaryReadPermission,
  mlopsDvcReadPermission,
  mlopsGpuReadPermission,
  mlopsMlflowReadPermission,
  mlopsPermissionForRoute,
  mlopsPermissions,
} from './permissions';

// Opens like annotations.test.ts (import a contract, describe it): alike in shape only.
describe('MLOps permissions', () => {
  it('are reads of catalog entities with distinct names', () => {
    for (const permission of mlopsPermissions) {
      expect(isResourcePermission(permission, 'catalog-entity')).toBe(true);
      expect(permission.attributes.action).toBe('read');
    }
    expect(new Set(mlopsPermissions.map(p => p.name)).size).toBe(5);
  });

  it('gives every route of the API the permission of its area', () => {
    const byRoute = Object.fromEntries(
      Object.entries(mlopsRoutePatterns).map(([route, pattern]) => [
        route,
        mlopsPermissionForRoute(pattern).name,
      ]),
    );
    for (const [route, name] of Object.entries(byRoute)) {
      const area = route.startsWith('mlflow')
        ? 'mlflow'
        : route.replace(/Pipeline|Cost/, '');
      expect(name).toBe(`mlops.${area}.read`);
    }
    expect(mlopsPermissionForRoute(mlopsRoutePatterns.gpu)).toBe(
      mlopsGpuReadPermission,
    );
    expect(mlopsPermissionForRoute(mlopsRoutePatterns.canary)).toBe(
      mlopsCanaryReadPermission,
    );
    expect(mlopsPermissionForRoute(mlopsRoutePatterns.dvcPipeline)).toBe(
      mlopsDvcReadPermission,
    );
    expect(mlopsPermissionForRoute(mlopsRoutePatterns.mlflowRuns)).toBe(
      mlopsMlflowReadPermission,
    );
  });

  it('refuses a route whose area it does not know, or that is not entity-scoped', () => {
    expect(() =>
      mlopsPermissionForRoute('/entity/:namespace/:kind/:name/billing'),
    ).toThrow(
      /'\/entity\/:namespace\/:kind\/:name\/billing' has no permission/,
    );
    expect(() => mlopsPermissionForRoute('/health')).toThrow(
      /has no permission/,
    );
    expect(() =>
      mlopsPermissionForRoute('/entity/:namespace/:kind/:name/gpux'),
    ).toThrow();
  });
});
