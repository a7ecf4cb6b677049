# Karpenter: launches right-sized nodes for pending pods and removes empty or
# underused ones. Its NodePools and EC2NodeClass are Kubernetes objects in
# control-plane/karpenter/, reconciled by ${{ 'Argo CD' if values.gitopsEngine == 'argocd' else 'Flux' }}.
#
# The controller itself is installed here with the Helm provider rather than by
# GitOps: it needs values only this apply knows (the interruption queue, the
# pod identity role) and it provides the capacity the GitOps controller and
# everything after it run on, so it must exist before the cluster is bootstrapped.

module "karpenter" {
  source  = "terraform-aws-modules/eks/aws//modules/karpenter"
  version = "21.19.0"

  cluster_name = module.eks.cluster_name

  # SQS names stop at 80 characters, cluster names at 100.
  queue_name = "${var.project_name}-karpenter"

  # The EC2NodeClass in control-plane/karpenter/ names this role.
  node_iam_role_use_name_prefix   = false
  node_iam_role_name              = "${var.project_name}-karpenter-node"
  create_pod_identity_association = true
}

provider "helm" {
  kubernetes = {
    host                   = module.eks.cluster_endpoint
    cluster_ca_certificate = base64decode(module.eks.cluster_certificate_authority_data)

    exec = {
      api_version = "client.authentication.k8s.io/v1beta1"
      command     = "aws"
      args        = ["eks", "get-token", "--cluster-name", module.eks.cluster_name, "--region", var.region]
    }
  }
}

# Public ECR serves its charts from us-east-1 whatever the cluster's region.
data "aws_ecrpublic_authorization_token" "token" {
  region = "us-east-1"
}

resource "helm_release" "karpenter" {
  namespace           = "kube-system"
  name                = "karpenter"
  repository          = "oci://public.ecr.aws/karpenter"
  repository_username = data.aws_ecrpublic_authorization_token.token.user_name
  repository_password = data.aws_ecrpublic_authorization_token.token.password
  chart               = "karpenter"
  version             = "1.6.0"
  wait                = false

  values = [
    yamlencode({
      # On the system node group, never on a node Karpenter itself manages.
      nodeSelector = {
        workload = "cpu"
      }
      settings = {
        clusterName       = module.eks.cluster_name
        clusterEndpoint   = module.eks.cluster_endpoint
        interruptionQueue = module.karpenter.queue_name
      }
    })
  ]
}

output "karpenter_node_role_name" {
  description = "IAM role of the nodes Karpenter launches (spec.role of the EC2NodeClass)."
  value       = module.karpenter.node_iam_role_name
}
