import { KubernetesObject } from '../../validators/kubernetesObjects';
import {
  ClusterModel,
  ConvergenceRule,
  createdByHandFile,
  parseCreatedByHand,
} from '../model';
import { goodProject } from './goodProject';

type Json = Record<string, any>;

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

/** A test of a rule: its title, the object (kind, name) taken out of the passing fixture, and the messages the rule then reports. */
export type WithoutObjectCase = [
  title: string,
  kind: string,
  name: string,
  expected: string[],
];

/** One test per case: without the object, the rule reports exactly the expected messages. */
export function itFailsWithout(
  rule: ConvergenceRule,
  cases: WithoutObjectCase[],
): void {
  it.each(cases)('%s', (_title, kind, name, expected) => {
    expect(messages(rule, withoutObject(kind, name))).toEqual(expected);
  });
}
