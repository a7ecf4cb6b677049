import { Content, EmptyState } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { MLOPS_ANNOTATIONS } from '@mlops-portal/plugin-mlops-common';

/**
 * The MLOps tab of an ML project's entity page. Lists which parts of the
 * annotation contract the entity carries.
 */
export const MlopsContent = () => {
  const { entity } = useEntity();
  const annotations = entity.metadata.annotations ?? {};
  const present = MLOPS_ANNOTATIONS.filter(a => annotations[a.key]);

  if (present.length === 0) {
    return (
      <EmptyState
        missing="field"
        title="No MLOps annotations on this entity"
        description={`Add ${MLOPS_ANNOTATIONS.map(a => a.key).join(
          ', ',
        )} to the entity's catalog-info.yaml.`}
      />
    );
  }
  return (
    <Content>
      <ul aria-label="MLOps annotations">
        {present.map(a => (
          <li key={a.key}>
            {a.key}: {annotations[a.key]} — {a.enables}
          </li>
        ))}
      </ul>
    </Content>
  );
};
