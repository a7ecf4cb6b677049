terraform {
  # 1.9 is the first release whose variable validations may refer to other
  # variables (gpu_max_size >= gpu_min_size).
  required_version = ">= 1.9.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.28"
    }
{% if values.karpenter %}
    helm = {
      source  = "hashicorp/helm"
      version = "~> 3.0"
    }
{% endif %}
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}
