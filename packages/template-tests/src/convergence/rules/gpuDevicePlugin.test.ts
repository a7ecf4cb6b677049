import { gpuDevicePluginRule } from './gpuDevicePlugin';
import { goodProject } from '../__fixtures__/goodProject';
import { messages } from '../__fixtures__/breaks';
import { KubernetesObject } from '../../validators/kubernetesObjects';

const gpuJob = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'demo-train', namespace: 'demo' },
  spec: {
    template: {
      spec: {
        nodeSelector: { 'nvidia.com/gpu.present': 'true' },
        tolerations: [
          { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
        ],
        containers: [
          {
            name: 'train',
            image: 'train',
            resources: { limits: { 'nvidia.com/gpu': 1 } },
          },
        ],
      },
    },
  },
};

const devicePlugin = (values: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'nvidia-device-plugin', namespace: 'argocd' },
  spec: {
    project: 'demo',
    source: {
      chart: 'nvidia-device-plugin',
      helm: { releaseName: 'nvidia-device-plugin', valuesObject: values },
    },
    destination: { namespace: 'nvidia-device-plugin' },
  },
});

const withGpu = (...extra: Record<string, unknown>[]) => {
  const model = goodProject();
  model.objects.push(...([gpuJob, ...extra] as KubernetesObject[]));
  return model;
};

const subject = 'Job demo/demo-train spec.template';

describe('GPU device plugin rule', () => {
  it('passes a project without GPU pods, and a GPU pod on the nodes a tolerating device plugin runs on', () => {
    expect(messages(gpuDevicePluginRule, goodProject())).toEqual([]);
    const plugin = devicePlugin({
      nodeSelector: { 'nvidia.com/gpu.present': 'true' },
      tolerations: [
        { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
      ],
    });
    expect(messages(gpuDevicePluginRule, withGpu(plugin))).toEqual([]);
  });

  it('fails a pod that requests nvidia.com/gpu when nothing installs the device plugin', () => {
    expect(messages(gpuDevicePluginRule, withGpu())).toEqual([
      `${subject}: requests nvidia.com/gpu but the repository installs no NVIDIA device plugin (nvidia-device-plugin or gpu-operator chart): the pod stays Pending`,
    ]);
  });

  it('fails a device plugin that does not tolerate the GPU taint or runs on other nodes', () => {
    const message = `${subject}: requests nvidia.com/gpu, but no device plugin tolerates the taints it tolerates and runs on the nodes its nodeSelector picks`;
    const untolerated = devicePlugin({
      nodeSelector: { 'nvidia.com/gpu.present': 'true' },
    });
    expect(messages(gpuDevicePluginRule, withGpu(untolerated))).toEqual([
      message,
    ]);
    const elsewhere = devicePlugin({
      nodeSelector: { workload: 'gpu-a100' },
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }],
    });
    expect(messages(gpuDevicePluginRule, withGpu(elsewhere))).toEqual([
      message,
    ]);
  });
});
