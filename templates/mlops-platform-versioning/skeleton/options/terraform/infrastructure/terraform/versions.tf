terraform {
  required_version = ">= 1.5.7, < 2.0.0"

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
