import path from 'node:path';
import { parse } from 'yaml';
import { baseValues, combinations } from './combinations';
import {
  fileText,
  removeRendered,
  renderAll,
  RenderedCombination,
} from './renderAll';
import { HclDocument, parseHcl } from '../../validators/hcl';
import { hclFormatProblems } from '../../validators/hclFormat';
import { runTool } from '../../validators/systemTools';

const terraformCombinations = combinations.filter(
  c => c.values.infrastructure === 'terraform',
);
// Terraform with S3 and no add-on, next to the eksctl default.
const extra = [
  {
    id: 'terraform-s3-plain',
    values: { ...baseValues, infrastructure: 'terraform' },
  },
  { id: 'eksctl-s3-plain', values: { ...baseValues } },
];

const tfDir = 'infrastructure/terraform/';

function tfFiles(r: RenderedCombination) {
  return [...r.result.files.keys()]
    .filter(file => file.startsWith(tfDir) && file.endsWith('.tf'))
    .sort();
}

/** The one body of a labelled block, e.g. block(doc, 'module', 'eks'). */
function block(doc: HclDocument, type: string, name: string) {
  const bodies = doc[type]?.[name];
  if (!Array.isArray(bodies) || bodies.length !== 1) {
    throw new Error(`expected exactly one ${type} "${name}"`);
  }
  return bodies[0];
}

describe('templates/mlops-platform-versioning: the Terraform root module', () => {
  let rendered: RenderedCombination[] = [];
  // Every .tf file of every Terraform combination, parsed: id -> file -> document.
  const parsed = new Map<string, Map<string, HclDocument>>();

  beforeAll(async () => {
    if (terraformCombinations.length < 2) {
      throw new Error('combinations.ts lost its Terraform combinations');
    }
    rendered = await renderAll([...terraformCombinations, ...extra]);
    for (const r of rendered.filter(
      x => x.values.infrastructure === 'terraform',
    )) {
      const files = new Map<string, HclDocument>();
      for (const file of tfFiles(r)) {
        files.set(file, await parseHcl(file, fileText(r, file)));
      }
      parsed.set(r.id, files);
    }
  }, 180_000);

  afterAll(() => removeRendered(rendered));

  const byId = (id: string) => rendered.find(r => r.id === id)!;
  /** All .tf files of a combination merged into one view per block type. */
  const module = (id: string) => {
    const merged: HclDocument = {};
    for (const doc of parsed.get(id)!.values()) {
      for (const [type, value] of Object.entries(doc)) {
        merged[type] = Array.isArray(value)
          ? [...(merged[type] ?? []), ...value]
          : { ...merged[type], ...value };
      }
    }
    return merged;
  };
  const terraformIds = [
    ...terraformCombinations.map(c => c.id),
    'terraform-s3-plain',
  ];

  it('a real HCL parser rejects invalid HCL (the check can fail)', async () => {
    await expect(
      parseHcl('broken.tf', 'variable "x" {\n  type = \n}\n'),
    ).rejects.toThrow(/broken\.tf/);
  });

  it.each(terraformIds.map(id => [id]))(
    '%s: every .tf file parses with HashiCorp HCL and has the expected files',
    id => {
      const r = byId(id);
      const expected = [
        'backend.tf',
        'main.tf',
        'outputs.tf',
        'variables.tf',
        'versions.tf',
        ...(r.values.storage === 's3' ? ['s3.tf'] : []),
        ...(r.values.rdsBackendStore === true ? ['rds.tf'] : []),
        ...(r.values.karpenter === true ? ['karpenter.tf'] : []),
      ]
        .map(file => tfDir + file)
        .sort();
      expect(tfFiles(r)).toEqual(expected);
      expect([...parsed.get(id)!.keys()].sort()).toEqual(expected);
    },
  );

  it.each(terraformIds.map(id => [id]))(
    '%s: the .tf files follow the terraform fmt layout rules',
    id => {
      const r = byId(id);
      const problems = tfFiles(r).flatMap(file =>
        hclFormatProblems(fileText(r, file)).map(p => `${file}: ${p}`),
      );
      expect(problems).toEqual([]);
    },
  );

  it('the fmt layout check finds misaligned, misindented and trailing-space lines', () => {
    expect(
      hclFormatProblems('locals {\n  a = 1\n  bbb = 2\n   c = 3 \n}\n'),
    ).toEqual([
      'line 4: trailing whitespace',
      'line 4: indented 3 spaces, expected 2',
      'line 2: "=" in column 5, expected 7 (aligned with the attributes next to it)',
    ]);
    expect(hclFormatProblems('locals {\n  a   = 1\n  bbb = 2\n}\n')).toEqual(
      [],
    );
    // Two brackets opened on one line indent the next lines by one level only.
    expect(hclFormatProblems('x = [\n  f({\n    a = 1\n  })\n]\n')).toEqual([]);
    expect(hclFormatProblems('x = [\n  f({\n      a = 1\n  })\n]\n')).toEqual([
      'line 3: indented 6 spaces, expected 4',
    ]);
  });

  it.each(terraformIds.map(id => [id]))(
    '%s: every variable has a description, every non-boolean one a validation, and the form values as defaults',
    id => {
      const r = byId(id);
      const variables = module(id).variable as Record<string, any[]>;
      const entries = Object.entries(variables).map(
        ([name, [body]]) => [name, body] as const,
      );
      expect(
        entries.filter(([, body]) => typeof body.description !== 'string'),
      ).toEqual([]);
      // A boolean's type already limits it to true and false.
      expect(
        entries
          .filter(([, body]) => body.type !== '${bool}')
          .filter(([, body]) => (body.validation ?? []).length === 0)
          .map(([name]) => name),
      ).toEqual([]);
      const defaults = Object.fromEntries(
        Object.entries(variables).map(([name, [body]]) => [name, body.default]),
      );
      const v = r.values;
      expect(defaults).toMatchObject({
        project_name: 'fraud-detection',
        region: 'eu-west-1',
        cluster_name: 'ml-platform',
        system_instance_type: 't3.large',
        gpu_node_group_enabled: v.gpuEnabled === true,
        gpu_instance_type: v.gpuEnabled ? v.gpuInstanceType : 'g4dn.xlarge',
        gpu_min_size: v.gpuEnabled ? v.gpuMinSize : 0,
        gpu_max_size: v.gpuEnabled ? v.gpuMaxSize : 1,
      });
      expect(defaults.artifact_bucket_name).toBe(
        v.storage === 's3' ? v.bucketName : undefined,
      );
    },
  );

  it.each(terraformIds.map(id => [id]))(
    '%s: Terraform, providers and modules are pinned',
    id => {
      const doc = module(id);
      const [terraform] = doc.terraform;
      expect(terraform.required_version).toMatch(/^>= 1\.\d+\.\d+, < 2\.0\.0$/);
      const providers = terraform.required_providers[0];
      for (const [name, spec] of Object.entries(providers) as Array<
        [string, { source: string; version: string }]
      >) {
        expect({ name, source: spec.source }).toEqual({
          name,
          source: `hashicorp/${name}`,
        });
        // "~> x.y" allows patch and minor releases of one major only; the
        // lock file written by `terraform init` pins the exact build.
        expect({ name, version: spec.version }).toEqual({
          name,
          version: expect.stringMatching(/^~> \d+\.\d+$/),
        });
      }
      expect(Object.keys(providers).sort()).toEqual(
        byId(id).values.karpenter ? ['aws', 'helm'] : ['aws'],
      );
      for (const [name, [body]] of Object.entries(doc.module) as Array<
        [string, any[]]
      >) {
        expect({ name, source: body.source }).toEqual({
          name,
          source: expect.stringMatching(/^terraform-aws-modules\//),
        });
        expect({ name, version: body.version }).toEqual({
          name,
          version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
        });
      }
    },
  );

  it.each(terraformIds.map(id => [id]))(
    '%s: a single-zone data plane: two-zone VPC for the control plane, node groups in the first zone',
    id => {
      const doc = module(id);
      expect(doc.locals[0].azs).toBe(
        '${slice(data.aws_availability_zones.available.names, 0, 2)}',
      );
      const vpc = block(doc, 'module', 'vpc');
      expect(vpc.source).toBe('terraform-aws-modules/vpc/aws');
      expect(vpc.azs).toBe('${local.azs}');
      const eks = block(doc, 'module', 'eks');
      expect(eks.source).toBe('terraform-aws-modules/eks/aws');
      expect(eks.subnet_ids).toBe('${module.vpc.private_subnets}');
      const groups = eks.eks_managed_node_groups;
      expect(Object.keys(groups).sort()).toEqual(['gpu', 'system']);
      for (const group of Object.values(groups) as any[]) {
        expect(group.subnet_ids).toEqual(['${module.vpc.private_subnets[0]}']);
      }
    },
  );

  it.each(terraformIds.map(id => [id]))(
    '%s: a system node group of on-demand t3.large and a tainted GPU node group that scales from zero',
    id => {
      const eks = block(module(id), 'module', 'eks');
      const { system, gpu } = eks.eks_managed_node_groups;
      expect(system).toMatchObject({
        instance_types: ['${var.system_instance_type}'],
        capacity_type: 'ON_DEMAND',
        labels: { workload: 'cpu' },
      });
      expect(system.taints).toBeUndefined();
      expect(gpu).toMatchObject({
        create: '${var.gpu_node_group_enabled}',
        ami_type: 'AL2023_x86_64_NVIDIA',
        instance_types: ['${var.gpu_instance_type}'],
        min_size: '${var.gpu_min_size}',
        max_size: '${var.gpu_max_size}',
        labels: { workload: 'gpu', 'nvidia.com/gpu.present': 'true' },
        taints: {
          gpu: { key: 'nvidia.com/gpu', value: 'true', effect: 'NO_SCHEDULE' },
        },
      });
    },
  );

  it.each(terraformIds.map(id => [id]))(
    '%s: outputs the kubeconfig command',
    id => {
      const output = block(module(id), 'output', 'kubeconfig_command');
      expect(output.value).toBe(
        'aws eks update-kubeconfig --region ${var.region} --name ${module.eks.cluster_name}',
      );
      expect(typeof output.description).toBe('string');
    },
  );

  it.each(terraformIds.map(id => [id]))(
    '%s: Terraform creates the S3 bucket only with S3 storage',
    id => {
      const resources = module(id).resource ?? {};
      expect(
        Object.keys(resources)
          .filter(type => type.startsWith('aws_s3'))
          .sort(),
      ).toEqual(
        byId(id).values.storage === 's3'
          ? [
              'aws_s3_bucket',
              'aws_s3_bucket_public_access_block',
              'aws_s3_bucket_server_side_encryption_configuration',
              'aws_s3_bucket_versioning',
            ]
          : [],
      );
    },
  );

  it('the S3 bucket is versioned, encrypted and private', () => {
    const resources = module('terraform-s3-plain').resource;
    expect(block(resources, 'aws_s3_bucket', 'artifacts').bucket).toBe(
      '${var.artifact_bucket_name}',
    );
    expect(
      block(resources, 'aws_s3_bucket_versioning', 'artifacts')
        .versioning_configuration[0].status,
    ).toBe('Enabled');
    expect(
      block(
        resources,
        'aws_s3_bucket_server_side_encryption_configuration',
        'artifacts',
      ).rule[0].apply_server_side_encryption_by_default[0].sse_algorithm,
    ).toBe('AES256');
    expect(
      block(resources, 'aws_s3_bucket_public_access_block', 'artifacts'),
    ).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  it.each(terraformIds.map(id => [id]))(
    '%s: RDS exists only when chosen, and no literal secret is anywhere',
    id => {
      const r = byId(id);
      const doc = module(id);
      const chosen = r.values.rdsBackendStore === true;
      expect(
        Object.keys(doc.resource ?? {})
          .filter(type => type.startsWith('aws_db'))
          .sort(),
      ).toEqual(chosen ? ['aws_db_instance', 'aws_db_subnet_group'] : []);
      expect(
        Object.keys(doc.output)
          .filter(name => name.startsWith('mlflow_db'))
          .sort(),
      ).toEqual(chosen ? ['mlflow_db_endpoint', 'mlflow_db_secret_arn'] : []);
      const text = tfFiles(r)
        .map(file => fileText(r, file))
        .join('\n');
      expect(text).not.toMatch(
        /\b(password|secret_key|access_key|token)\s*=\s*"/i,
      );
      expect(text).not.toMatch(/AKIA[0-9A-Z]{16}/);
    },
  );

  it('the RDS password is generated by RDS and kept in Secrets Manager', () => {
    const db = block(
      module('terraform-s3-gpu-karpenter-scale-to-zero-rds-flux').resource,
      'aws_db_instance',
      'mlflow',
    );
    expect(db).toMatchObject({
      engine: 'postgres',
      manage_master_user_password: true,
      storage_encrypted: true,
      publicly_accessible: false,
    });
    expect(db.password).toBeUndefined();
  });

  it('Karpenter: the eks karpenter submodule, the pinned OCI chart and node pools that select the tagged subnet', () => {
    const id = 'terraform-s3-gpu-karpenter-scale-to-zero-rds-flux';
    const doc = module(id);
    expect(block(doc, 'module', 'karpenter')).toMatchObject({
      source: 'terraform-aws-modules/eks/aws//modules/karpenter',
      version: block(doc, 'module', 'eks').version,
      node_iam_role_name: '${var.project_name}-karpenter-node',
      node_iam_role_use_name_prefix: false,
    });
    expect(block(doc.resource, 'helm_release', 'karpenter')).toMatchObject({
      repository: 'oci://public.ecr.aws/karpenter',
      chart: 'karpenter',
      version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
    const eks = block(doc, 'module', 'eks');
    expect(eks.node_security_group_tags).toEqual({
      'karpenter.sh/discovery': '${var.cluster_name}',
    });
    const vpc = block(doc, 'module', 'vpc');
    expect(vpc.private_subnet_tags_per_az).toEqual({
      '${(local.node_az)}': { 'karpenter.sh/discovery': '${var.cluster_name}' },
    });

    const r = byId(id);
    const nodeClass = parse(
      fileText(r, 'control-plane/karpenter/node-class.yaml'),
    );
    expect(nodeClass.spec.role).toBe('fraud-detection-karpenter-node');
    expect(nodeClass.spec.subnetSelectorTerms).toEqual([
      { tags: { 'karpenter.sh/discovery': 'ml-platform' } },
    ]);
    const [, gpuPool] = fileText(r, 'control-plane/karpenter/node-pools.yaml')
      .split(/^---$/m)
      .map(part => parse(part));
    expect(gpuPool.spec.template.spec.taints).toEqual([
      { key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' },
    ]);
    expect(gpuPool.spec.template.spec.requirements).toContainEqual({
      key: 'node.kubernetes.io/instance-type',
      operator: 'In',
      values: ['g4dn.2xlarge'],
    });
    expect(gpuPool.spec.limits['nvidia.com/gpu']).toBe('3');

    // Without Karpenter nothing of it is left in the Terraform files.
    const plain = tfFiles(byId('terraform-s3-plain'))
      .map(file => fileText(byId('terraform-s3-plain'), file))
      .join('\n');
    expect(plain).not.toMatch(/karpenter/i);
  });

  it('GPU scale-to-zero: CronJobs at 20:00 and 07:00 UTC on weekdays with a Role that can only scale Deployments', () => {
    const r = byId('terraform-s3-gpu-karpenter-scale-to-zero-rds-flux');
    const [down, up] = fileText(
      r,
      'control-plane/gpu-scale-to-zero/cronjobs.yaml',
    )
      .split(/^---$/m)
      .map(part => parse(part));
    const args = (job: any) =>
      job.spec.jobTemplate.spec.template.spec.containers[0].args;
    expect([down.spec.schedule, down.spec.timeZone]).toEqual([
      '0 20 * * 1-5',
      'Etc/UTC',
    ]);
    expect(args(down)).toEqual([
      'scale',
      'deployment',
      '--namespace=fraud-detection',
      '--selector=gpu-scale-to-zero=true',
      '--replicas=0',
    ]);
    expect(up.spec.schedule).toBe('0 7 * * 1-5');
    expect(args(up)).toContain('--replicas=1');
    const [, role] = fileText(r, 'control-plane/gpu-scale-to-zero/rbac.yaml')
      .split(/^---$/m)
      .map(part => parse(part));
    expect(role.kind).toBe('Role');
    expect(role.rules).toEqual([
      {
        apiGroups: ['apps'],
        resources: ['deployments'],
        verbs: ['get', 'list'],
      },
      {
        apiGroups: ['apps'],
        resources: ['deployments/scale'],
        verbs: ['get', 'patch', 'update'],
      },
    ]);
    expect(fileText(r, 'README.md')).toContain(
      '`gpu-scale-down` (20:00 UTC, Monday to Friday, to 0 replicas)',
    );
  });

  it('Terraform and eksctl files never appear together', () => {
    const count = (r: RenderedCombination, pattern: RegExp) =>
      [...r.result.files.keys()].filter(file => pattern.test(file)).length;
    expect(
      rendered.map(r => ({
        id: r.id,
        terraform: count(r, /^infrastructure\//) > 0,
        eksctl: count(
          r,
          /^control-plane\/cluster\/(eks-cluster|nodegroup)\.yaml$/,
        ),
      })),
    ).toEqual(
      rendered.map(r => ({
        id: r.id,
        terraform: r.values.infrastructure === 'terraform',
        eksctl: r.values.infrastructure === 'terraform' ? 0 : 2,
      })),
    );
  });

  it("with Terraform and S3 the bucket is Terraform's: no Crossplane bucket or AWS provider config", () => {
    const r = byId('terraform-s3-plain');
    const files = [...r.result.files.keys()];
    expect(files.filter(f => f.startsWith('control-plane/cluster/'))).toEqual(
      [],
    );
    expect(files).not.toContain('control-plane/crossplane/s3-bucket.yaml');
    // Nothing of Crossplane's is left (the pipeline cache is there only for Airflow and Flyte).
    expect(
      files.filter(f => f.startsWith('control-plane/crossplane/')),
    ).toEqual([]);
    expect(
      files.filter(f => f.startsWith('cluster-layer/crossplane/')),
    ).toEqual([]);
    expect(
      parse(fileText(r, 'control-plane/kustomization.yaml')).resources,
    ).not.toContain('cluster');
    expect(fileText(r, 'scripts/bootstrap.sh')).not.toContain(
      'provider-aws-s3',
    );
    // MinIO keeps its Crossplane bucket with Terraform.
    expect(
      byId('terraform-minio-argocd').result.files.has(
        'control-plane/crossplane/s3-bucket.yaml',
      ),
    ).toBe(true);
  });

  it('bootstrap.sh and validate-end-to-end.sh --dry-run use the Terraform bucket instead of a Crossplane provider', () => {
    const r = byId('terraform-s3-plain');
    const bash = (script: string) =>
      runTool('bash', [path.join(r.dir, script), '--dry-run'], { cwd: r.dir });
    const bootstrap = bash('scripts/bootstrap.sh');
    expect(bootstrap.status).toBe(0);
    expect(bootstrap.output).toContain(
      '== No Crossplane provider: infrastructure/terraform manages s3://acme-fraud-detection-artifacts',
    );
    expect(bootstrap.output).not.toContain('provider-aws-s3');
    expect(bootstrap.output).not.toContain('eks.amazonaws.com/role-arn');
    const validate = bash('scripts/validate-end-to-end.sh');
    expect(validate.status).toBe(0);
    expect(validate.output).toContain(
      'aws s3api head-bucket --bucket acme-fraud-detection-artifacts',
    );
    expect(validate.output).not.toContain('bucket.s3.aws.upbound.io');
  });

  it('MLflow uses RDS through a Secret referenced by name, and SQLite on its volume otherwise', () => {
    const rds = byId('terraform-s3-gpu-karpenter-scale-to-zero-rds-flux');
    const deployment = parse(
      fileText(rds, 'control-plane/mlflow/deployment.yaml'),
    );
    const container = deployment.spec.template.spec.containers[0];
    expect(container.command).toContain(
      '--backend-store-uri=$(MLFLOW_BACKEND_STORE_URI)',
    );
    expect(container.env).toContainEqual({
      name: 'MLFLOW_BACKEND_STORE_URI',
      valueFrom: { secretKeyRef: { name: 'mlflow-backend-store', key: 'uri' } },
    });
    expect(
      deployment.spec.template.spec.volumes.map((v: any) => v.name),
    ).toEqual(['basic-auth', 'tmp']);
    expect(rds.result.files.has('control-plane/mlflow/config/pvc.yaml')).toBe(
      false,
    );

    const plain = byId('terraform-s3-plain');
    const sqlite = parse(
      fileText(plain, 'control-plane/mlflow/deployment.yaml'),
    );
    expect(sqlite.spec.template.spec.containers[0].command).toContain(
      '--backend-store-uri=sqlite:////mlflow/db/mlflow.db',
    );
    expect(plain.result.files.has('control-plane/mlflow/config/pvc.yaml')).toBe(
      true,
    );
  });

  it('the architecture diagram shows Terraform creating the cluster, the bucket and the database', () => {
    const architecture = (id: string) =>
      fileText(byId(id), 'docs/architecture.md');
    const rds = architecture(
      'terraform-s3-gpu-karpenter-scale-to-zero-rds-flux',
    );
    expect(rds).toContain(
      'tf[Terraform infrastructure/terraform] -->|creates| bucket[(S3 bucket acme-fraud-detection-artifacts)]',
    );
    expect(rds).toContain('tf -->|creates| rds[(RDS PostgreSQL)]');
    expect(rds).not.toContain('xp[Crossplane]');
    const minio = architecture('terraform-minio-argocd');
    expect(minio).toContain(
      'tf[Terraform infrastructure/terraform] -->|creates| eks',
    );
    expect(minio).toContain('xp -->|creates| bucket[(MinIO bucket');
    expect(minio).not.toContain('RDS');
  });

  it('the README says which infrastructure was chosen and how to apply it', () => {
    const tf = fileText(byId('terraform-s3-plain'), 'README.md');
    expect(tf).toContain('(eu-west-1, Terraform)');
    for (const command of [
      'terraform init',
      'terraform plan -out=tfplan',
      'terraform apply tfplan',
      'aws eks update-kubeconfig --region eu-west-1 --name ml-platform',
    ]) {
      expect(tf).toContain(command);
    }
    expect(tf).not.toContain('eksctl create');
    // How the GPU node group grows from zero: here Karpenter's GPU NodePool.
    expect(
      fileText(
        byId('terraform-s3-gpu-karpenter-scale-to-zero-rds-flux'),
        'infrastructure/terraform/README.md',
      ),
    ).toContain('Here Karpenter does it with its own GPU NodePool');
    const eksctl = fileText(byId('eksctl-s3-plain'), 'README.md');
    expect(eksctl).toContain('(eu-west-1, eksctl)');
    expect(eksctl).toContain(
      'eksctl create cluster -f control-plane/cluster/eks-cluster.yaml',
    );
    expect(eksctl).not.toContain('terraform');
  });
});
