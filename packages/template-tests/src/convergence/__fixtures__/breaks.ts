import { KubernetesObject } from '../../validators/kubernetesObjects';
import {
  ClusterModel,
  ConvergenceRule,
  createdByHandFile,
  parseCreatedByHand,
} from '../model';
import { goodProject } from './goodProject';

import type { Json } from '../model';

/** The passing fixture with one object (by kind and name) changed. */
export function breakObject(
  kind: string,
  name: string,
  change: (object: Json) => void,
  model: ClusterModel = goodProject(),
): ClusterModel {
  const object = model.objects.find(
    o => o.kind === kind && o.metadata?.name === name,
  );
  if (!object) throw new Error(`fixture has no ${kind} ${name}`);
  change(object as Json);
  return model;
}

export function withoutObject(kind: string, name: string): ClusterModel {
  const model = goodProject();
  model.objects = model.objects.filter(
    o => !(o.kind === kind && o.metadata?.name === name),
  );
  return model;
}

export function withFile(file: string, text: string | undefined): ClusterModel {
  const model = goodProject();
  if (text === undefined) model.files.delete(file);
  else model.files.set(file, text);
  model.createdByHand = parseCreatedByHand(model.files.get(createdByHandFile));
  return model;
}

export function addObjects(...objects: Json[]): ClusterModel {
  const model = goodProject();
  model.objects.push(...(objects as KubernetesObject[]));
  return model;
}

/** The messages a rule reports on a model. */
export function messages(rule: ConvergenceRule, model: ClusterModel): string[] {
  return rule.check(model).map(v => `${v.subject}: ${v.message}`);
}

/** The passing fixture plus an Ingress demo/mlflow of a class whose one rule (for `host`, if given) sends `/` to a port of the mlflow Service. */
export function withMlflowIngress(
  ingressClassName: string,
  port: { name: string } | { number: number },
  host?: string,
): ClusterModel {
  const backend = { service: { name: 'mlflow', port } };
  return addObjects({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'mlflow', namespace: 'demo' },
    spec: {
      ingressClassName,
      rules: [
        {
          ...(host ? { host } : {}),
          http: { paths: [{ path: '/', pathType: 'Prefix', backend }] },
        },
      ],
    },
  });
}
