data "aws_availability_zones" "available" {
  # Regular zones only, no Local or Wavelength Zones.
  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

locals {
  # EKS refuses a control plane with subnets in fewer than two Availability
  # Zones, so the VPC has subnets in two. Everything that runs (both node
  # groups{% if values.rdsBackendStore %}, the RDS instance{% endif %}) stays in the first zone: one zone means no
  # cross-zone traffic charges and EBS volumes that always reattach, at the
  # price of no zone redundancy.
  azs     = slice(data.aws_availability_zones.available.names, 0, 2)
  node_az = local.azs[0]

  tags = {
    project    = var.project_name
    managed-by = "terraform"
  }
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "6.6.0"

  name = "${var.cluster_name}-vpc"
  cidr = var.vpc_cidr
  azs  = local.azs

  private_subnets = [for index, az in local.azs : cidrsubnet(var.vpc_cidr, 4, index)]
  public_subnets  = [for index, az in local.azs : cidrsubnet(var.vpc_cidr, 8, index + 48)]

  # One NAT gateway (in the nodes' zone) is enough for a single-zone data plane.
  enable_nat_gateway = true
  single_nat_gateway = true

  public_subnet_tags = {
    "kubernetes.io/role/elb" = 1
  }

  private_subnet_tags = {
    "kubernetes.io/role/internal-elb" = 1
  }
{% if values.karpenter %}

  # Karpenter finds its nodes' subnet by this tag: only the first zone's, so
  # its nodes stay in the node groups' zone.
  private_subnet_tags_per_az = {
    (local.node_az) = {
      "karpenter.sh/discovery" = var.cluster_name
    }
  }
{% endif %}
}

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "21.19.0"

  name               = var.cluster_name
  kubernetes_version = var.kubernetes_version

  # The identity that runs Terraform becomes cluster admin, so that
  # `aws eks update-kubeconfig` works right after the apply.
  enable_cluster_creator_admin_permissions = true
  endpoint_public_access                   = true

  vpc_id = module.vpc.vpc_id

  # Control plane: both zones (an EKS requirement). The node groups below
  # override this with the first zone's subnet only.
  subnet_ids = module.vpc.private_subnets

  addons = {
    coredns = {}
    eks-pod-identity-agent = {
      before_compute = true
    }
    kube-proxy = {}
    vpc-cni = {
      before_compute = true

      # Enforces the project's NetworkPolicies (default deny plus the allows it needs).
      configuration_values = jsonencode({ enableNetworkPolicy = "true" })
    }
    # MLflow's and the pipeline's PersistentVolumeClaims are EBS volumes. EKS
    # clusters since 1.30 have no default StorageClass: the add-on creates
    # ebs-csi-default-sc (gp3, WaitForFirstConsumer, marked default), which the
    # claims name.
    aws-ebs-csi-driver = {
      configuration_values = jsonencode({ defaultStorageClass = { enabled = true } })
    }
  }
{% if values.karpenter %}

  # Karpenter launches its nodes into this security group.
  node_security_group_tags = {
    "karpenter.sh/discovery" = var.cluster_name
  }
{% endif %}

  # The map keys are the node group names (system, gpu); the nodes carry the
  # project in the app.kubernetes.io/part-of label.
  eks_managed_node_groups = {
    # Controllers (GitOps, Crossplane, operators), MLflow, DVC jobs and model serving.
    system = {
      instance_types = [var.system_instance_type]
      capacity_type  = "ON_DEMAND"
      subnet_ids     = [module.vpc.private_subnets[0]]
      min_size       = 2
      max_size       = 4
      desired_size   = 2

      labels = {
        workload                    = "cpu"
        "app.kubernetes.io/part-of" = var.project_name
      }

      # The EBS CSI driver runs with the nodes' role.
      iam_role_additional_policies = {
        AmazonEBSCSIDriverPolicy = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"
      }
    }

    # Training and GPU inference only: the taint keeps every other pod off
    # these nodes, and min_size 0 lets the group shrink to no node at all.
    gpu = {
      create         = var.gpu_node_group_enabled
      ami_type       = "AL2023_x86_64_NVIDIA"
      instance_types = [var.gpu_instance_type]
      capacity_type  = "ON_DEMAND"
      subnet_ids     = [module.vpc.private_subnets[0]]
      min_size       = var.gpu_min_size
      max_size       = var.gpu_max_size
      desired_size   = var.gpu_min_size

      labels = {
        workload                    = "gpu"
        "nvidia.com/gpu.present"    = "true"
        "app.kubernetes.io/part-of" = var.project_name
      }

      taints = {
        gpu = {
          key    = "nvidia.com/gpu"
          value  = "true"
          effect = "NO_SCHEDULE"
        }
      }

      iam_role_additional_policies = {
        AmazonEBSCSIDriverPolicy = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"
      }
    }
  }
}
