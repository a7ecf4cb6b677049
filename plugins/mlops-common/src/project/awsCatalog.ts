/**
 * AWS commercial regions where EKS is generally available.
 * Source: https://docs.aws.amazon.com/general/latest/gr/eks.html
 *
 * @public
 */
export const AWS_REGIONS: ReadonlyArray<string> = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'sa-east-1',
];

/** A GPU instance type a node group can use. @public */
export interface GpuInstanceType {
  /** NVIDIA GPUs per node: what a node adds to `requests.nvidia.com/gpu`. */
  gpus: number;
  gpuModel: string;
}

/**
 * EC2 instance types with NVIDIA GPUs that the EKS GPU AMI supports.
 * Source: https://aws.amazon.com/ec2/instance-types/ (accelerated computing).
 *
 * @public
 */
export const GPU_INSTANCE_TYPES: Readonly<Record<string, GpuInstanceType>> = {
  'g4dn.xlarge': { gpus: 1, gpuModel: 'T4' },
  'g4dn.2xlarge': { gpus: 1, gpuModel: 'T4' },
  'g4dn.4xlarge': { gpus: 1, gpuModel: 'T4' },
  'g4dn.8xlarge': { gpus: 1, gpuModel: 'T4' },
  'g4dn.12xlarge': { gpus: 4, gpuModel: 'T4' },
  'g4dn.16xlarge': { gpus: 1, gpuModel: 'T4' },
  'g4dn.metal': { gpus: 8, gpuModel: 'T4' },
  'g5.xlarge': { gpus: 1, gpuModel: 'A10G' },
  'g5.2xlarge': { gpus: 1, gpuModel: 'A10G' },
  'g5.4xlarge': { gpus: 1, gpuModel: 'A10G' },
  'g5.8xlarge': { gpus: 1, gpuModel: 'A10G' },
  'g5.12xlarge': { gpus: 4, gpuModel: 'A10G' },
  'g5.16xlarge': { gpus: 1, gpuModel: 'A10G' },
  'g5.24xlarge': { gpus: 4, gpuModel: 'A10G' },
  'g5.48xlarge': { gpus: 8, gpuModel: 'A10G' },
  'g6.xlarge': { gpus: 1, gpuModel: 'L4' },
  'g6.2xlarge': { gpus: 1, gpuModel: 'L4' },
  'g6.4xlarge': { gpus: 1, gpuModel: 'L4' },
  'g6.8xlarge': { gpus: 1, gpuModel: 'L4' },
  'g6.12xlarge': { gpus: 4, gpuModel: 'L4' },
  'g6.16xlarge': { gpus: 1, gpuModel: 'L4' },
  'g6.24xlarge': { gpus: 4, gpuModel: 'L4' },
  'g6.48xlarge': { gpus: 8, gpuModel: 'L4' },
  'g6e.xlarge': { gpus: 1, gpuModel: 'L40S' },
  'g6e.2xlarge': { gpus: 1, gpuModel: 'L40S' },
  'g6e.12xlarge': { gpus: 4, gpuModel: 'L40S' },
  'g6e.48xlarge': { gpus: 8, gpuModel: 'L40S' },
  'p3.2xlarge': { gpus: 1, gpuModel: 'V100' },
  'p3.8xlarge': { gpus: 4, gpuModel: 'V100' },
  'p3.16xlarge': { gpus: 8, gpuModel: 'V100' },
  'p3dn.24xlarge': { gpus: 8, gpuModel: 'V100' },
  'p4d.24xlarge': { gpus: 8, gpuModel: 'A100' },
  'p4de.24xlarge': { gpus: 8, gpuModel: 'A100' },
  'p5.48xlarge': { gpus: 8, gpuModel: 'H100' },
  'p5e.48xlarge': { gpus: 8, gpuModel: 'H200' },
};

/** Upper bound of a GPU node group, to catch typos like 1000 before a bill does. @public */
export const GPU_NODE_GROUP_MAX_SIZE = 100;
