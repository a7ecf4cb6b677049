"""Prints the task graph a generated Flyte workflow or Kubeflow pipeline builds.

flytekit and kfp are not installed where the tests run, so this loads the
generated file against small stand-ins of the API calls it makes (the
signatures of flytekit 1.16 and kfp / kfp-kubernetes 2.15) that record every
task, its container and the ordering edges, then calls the workflow function
the way `pyflyte run` / `kfp dsl compile` would. A call the stand-ins do not
know fails loudly.

Usage: workflowGraph.py flyte|kubeflow <file.py>  ->  JSON on stdout:
{"nodes": [{"name", "image", "command", "args", "env", "secretEnv", "volumes"}], "edges": [[from, to]]}
"""

import importlib.util
import json
import sys
import types

nodes = []
edges = []


def new_node(name, image, command, args=None, env=None):
    node = {
        "name": name,
        "image": image,
        "command": list(command),
        "args": list(args or []),
        "env": dict(env or {}),
        "secretEnv": {},
        "volumes": {},
    }
    nodes.append(node)
    return len(nodes) - 1


class Kwargs:
    """Keeps the keyword arguments of a Kubernetes client model or a resource spec."""

    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)


def flyte_modules():
    flytekit = types.ModuleType("flytekit")

    class PodTemplate:
        def __init__(self, pod_spec, primary_container_name, labels=None, annotations=None):
            self.pod_spec = pod_spec
            self.primary_container_name = primary_container_name

    class Resources:
        def __init__(self, cpu=None, mem=None, gpu=None, ephemeral_storage=None):
            self.cpu = cpu
            self.mem = mem

    class VoidPromise:
        def __init__(self, index):
            self.index = index

        def __rshift__(self, other):
            edges.append([self.index, other.index])
            return other

    class ContainerTask:
        def __init__(self, name, image, command, inputs=None, outputs=None, arguments=None,
                     requests=None, limits=None, pod_template=None, environment=None, **kwargs):
            unknown = set(kwargs) - {"metadata", "secret_requests", "pod_template_name",
                                     "input_data_dir", "output_data_dir", "metadata_format",
                                     "io_strategy"}
            if unknown:
                raise TypeError(f"ContainerTask got unexpected arguments {sorted(unknown)}")
            self.spec = dict(name=name, image=image, command=command, args=arguments, env=environment)
            self.pod_template = pod_template

        def __call__(self):
            index = new_node(**self.spec)
            spec = self.pod_template.pod_spec if self.pod_template else None
            if spec is not None:
                primary = [c for c in spec.containers if c.name == self.pod_template.primary_container_name]
                if len(primary) != 1:
                    raise ValueError("the pod template has no container named like primary_container_name")
                claims = {v.name: v.persistent_volume_claim.claim_name for v in spec.volumes}
                for mount in getattr(primary[0], "volume_mounts", []) or []:
                    nodes[index]["volumes"][mount.mount_path] = claims[mount.name]
                nodes[index]["serviceAccount"] = getattr(spec, "service_account_name", None)
            return VoidPromise(index)

    def workflow(fn):
        fn.is_workflow = True
        return fn

    flytekit.ContainerTask = ContainerTask
    flytekit.PodTemplate = PodTemplate
    flytekit.Resources = Resources
    flytekit.workflow = workflow

    kubernetes = types.ModuleType("kubernetes")
    client = types.ModuleType("kubernetes.client")
    for model in ["V1Container", "V1PersistentVolumeClaimVolumeSource", "V1PodSpec", "V1Volume", "V1VolumeMount"]:
        setattr(client, model, type(model, (Kwargs,), {}))
    kubernetes.client = client
    return {"flytekit": flytekit, "kubernetes": kubernetes, "kubernetes.client": client}


def kubeflow_modules():
    kfp = types.ModuleType("kfp")
    dsl = types.ModuleType("kfp.dsl")
    k8s = types.ModuleType("kfp.kubernetes")

    class Channel:
        """An output of one task used by another: KFP orders the consumer after the producer."""

        def __init__(self, task, name):
            self.task = task
            self.name = name

        def __str__(self):
            return f"{{{{tasks.{self.task.index}.outputs.{self.name}}}}}"

    def value(argument, consumer):
        if isinstance(argument, Channel):
            consumer.after(argument.task)
            return str(argument)
        return argument

    class PipelineTask:
        def __init__(self, index):
            self.index = index
            self.outputs = {"name": Channel(self, "name")}

        def after(self, *tasks):
            for task in tasks:
                edges.append([task.index, self.index])
            return self

        def set_display_name(self, name):
            nodes[self.index]["name"] = name
            return self

        def set_env_variable(self, name, value):
            nodes[self.index]["env"][name] = value
            return self

        def set_caching_options(self, enable_caching):
            nodes[self.index]["caching"] = enable_caching
            return self

        def set_cpu_request(self, cpu):
            return self

        def set_memory_request(self, memory):
            return self

        def set_memory_limit(self, memory):
            return self

    class ContainerSpec:
        def __init__(self, image, command=None, args=None):
            self.image = image
            self.command = command or []
            self.args = args or []

    def container_component(fn):
        def component(**kwargs):
            spec = fn(**kwargs)
            if not isinstance(spec, ContainerSpec):
                raise TypeError(f"{fn.__name__} must return a dsl.ContainerSpec")
            return PipelineTask(new_node(fn.__name__, spec.image, spec.command, spec.args))

        return component

    def pipeline(name=None, description=None, **kwargs):
        def decorate(fn):
            fn.pipeline_name = name
            return fn

        return decorate

    dsl.PipelineTask = PipelineTask
    dsl.ContainerSpec = ContainerSpec
    dsl.container_component = container_component
    dsl.pipeline = pipeline

    def CreatePVC(access_modes, size, pvc_name=None, pvc_name_suffix=None, storage_class_name="",
                  volume_name=None, annotations=None):
        return PipelineTask(new_node("createpvc", "argostub/createpvc", []))

    def DeletePVC(pvc_name):
        task = PipelineTask(new_node("deletepvc", "argostub/deletepvc", []))
        nodes[task.index]["args"] = [value(pvc_name, task)]
        return task

    def mount_pvc(task, pvc_name, mount_path):
        nodes[task.index]["volumes"][mount_path] = value(pvc_name, task)
        return task

    def use_secret_as_env(task, secret_name, secret_key_to_env):
        for key, env in secret_key_to_env.items():
            nodes[task.index]["secretEnv"][env] = f"{secret_name}/{key}"
        return task

    k8s.CreatePVC = CreatePVC
    k8s.DeletePVC = DeletePVC
    k8s.mount_pvc = mount_pvc
    k8s.use_secret_as_env = use_secret_as_env
    kfp.dsl = dsl
    kfp.kubernetes = k8s
    return {"kfp": kfp, "kfp.dsl": dsl, "kfp.kubernetes": k8s}


def main():
    kind, path = sys.argv[1], sys.argv[2]
    sys.modules.update(flyte_modules() if kind == "flyte" else kubeflow_modules())
    spec = importlib.util.spec_from_file_location("generated_workflow", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.dvc_pipeline()
    json.dump({"nodes": nodes, "edges": edges}, sys.stdout)


if __name__ == "__main__":
    main()
