import { storageRule } from './storage';
import { goodProject } from '../__fixtures__/goodProject';
import { breakObject, messages, withFile } from '../__fixtures__/breaks';

// Every rule test opens alike: the passing fixture first, then one break per check.
describe('storage rule', () => {
  it('passes a claim on the EBS add-on default StorageClass that a pod mounts', () => {
    expect(messages(storageRule, goodProject())).toEqual([]);
  });

  it('fails a claim naming a StorageClass nothing creates', () => {
    const model = breakObject('PersistentVolumeClaim', 'mlflow-db', o => {
      o.spec.storageClassName = 'gp3';
    });
    expect(messages(storageRule, model)).toEqual([
      'PersistentVolumeClaim demo/mlflow-db: spec.storageClassName names StorageClass "gp3", which nothing creates',
    ]);
  });

  it('fails a claim without a class when the cluster config sets no default (EKS since 1.30)', () => {
    const model = breakObject(
      'PersistentVolumeClaim',
      'mlflow-db',
      o => {
        delete o.spec.storageClassName;
      },
      withFile(
        'control-plane/cluster/eks-cluster.yaml',
        'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: { name: x, region: eu-west-1 }\naddons:\n  - name: aws-ebs-csi-driver\n',
      ),
    );
    expect(messages(storageRule, model)).toEqual([
      'PersistentVolumeClaim demo/mlflow-db: names no StorageClass and the cluster has no default StorageClass',
    ]);
  });

  it('fails a claim no pod template mounts', () => {
    const model = breakObject('Deployment', 'mlflow', o => {
      o.spec.template.spec.volumes = [];
    });
    expect(messages(storageRule, model)).toEqual([
      'PersistentVolumeClaim demo/mlflow-db: no pod template mounts this claim, so it never binds',
    ]);
  });

  it('counts a claim the orchestrator task code mounts at run time', () => {
    const model = breakObject('Deployment', 'mlflow', o => {
      o.spec.template.spec.volumes = [];
    });
    model.files.set(
      'orchestration/dags/dvc_pipeline.py',
      'claim_name=f"{PROJECT}-db"\n'.replace('{PROJECT}-db', 'mlflow-db'),
    );
    expect(messages(storageRule, model)).toEqual([]);
  });
});
