variable "project_name" {
  description = "Name of the ML project: tags every resource and names the node groups."
  type        = string
  default     = "${{ values.name }}"

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]*[a-z0-9])?$", var.project_name)) && length(var.project_name) <= 40
    error_message = "project_name must be a DNS-1123 label of at most 40 characters."
  }
}

variable "region" {
  description = "AWS region of the VPC, the EKS cluster and the artifact bucket."
  type        = string
  default     = "${{ values.awsRegion }}"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must look like \"us-east-1\" or \"eu-west-3\"."
  }
}

variable "cluster_name" {
  description = "Name of the EKS cluster."
  type        = string
  default     = "${{ values.clusterName }}"

  validation {
    condition     = can(regex("^[a-zA-Z][-a-zA-Z0-9]*$", var.cluster_name)) && length(var.cluster_name) <= 100
    error_message = "cluster_name must start with a letter and contain only letters, digits and \"-\" (at most 100 characters)."
  }
}

variable "kubernetes_version" {
  description = "Kubernetes version of the EKS control plane and node groups."
  type        = string
  default     = "1.35"

  validation {
    condition     = can(regex("^1\\.[0-9]{2}$", var.kubernetes_version))
    error_message = "kubernetes_version must be a minor version such as \"1.33\"."
  }
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC; the subnets are carved out of it."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && tonumber(split("/", var.vpc_cidr)[1]) <= 20
    error_message = "vpc_cidr must be an IPv4 CIDR block of /20 or larger, e.g. 10.0.0.0/16."
  }
}

variable "system_instance_type" {
  description = "On-demand instance type of the system node group (controllers, MLflow, DVC jobs, serving)."
  type        = string
  default     = "t3.large"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.system_instance_type))
    error_message = "system_instance_type must be an EC2 instance type such as \"t3.large\"."
  }
}

variable "gpu_node_group_enabled" {
  description = "Whether the tainted GPU node group exists."
  type        = bool
  default     = ${{ 'true' if values.gpuEnabled else 'false' }}
}

variable "gpu_instance_type" {
  description = "Instance type of the GPU node group (NVIDIA GPUs)."
  type        = string
  default     = "${{ values.gpuInstanceType if values.gpuEnabled else 'g4dn.xlarge' }}"

  validation {
    condition     = can(regex("^(g4dn|g5|g6|g6e|p3|p4d|p5)\\.[0-9]*x?large$", var.gpu_instance_type))
    error_message = "gpu_instance_type must be an NVIDIA GPU instance type such as \"g4dn.xlarge\"."
  }
}

variable "gpu_min_size" {
  description = "Minimum number of GPU nodes; 0 lets the group scale to zero when no GPU pod runs."
  type        = number
  default     = ${{ values.gpuMinSize if values.gpuEnabled else 0 }}

  validation {
    condition     = var.gpu_min_size >= 0 && var.gpu_min_size <= 10 && floor(var.gpu_min_size) == var.gpu_min_size
    error_message = "gpu_min_size must be a whole number from 0 to 10."
  }
}

variable "gpu_max_size" {
  description = "Maximum number of GPU nodes."
  type        = number
  default     = ${{ values.gpuMaxSize if values.gpuEnabled else 1 }}

  validation {
    condition     = var.gpu_max_size >= 1 && var.gpu_max_size <= 10 && floor(var.gpu_max_size) == var.gpu_max_size
    error_message = "gpu_max_size must be a whole number from 1 to 10."
  }

  validation {
    condition     = var.gpu_max_size >= var.gpu_min_size
    error_message = "gpu_max_size must be at least gpu_min_size."
  }
}
{% if values.storage == 's3' %}

variable "artifact_bucket_name" {
  description = "S3 bucket of the DVC remote (prefix dvc/) and the MLflow artifacts (prefix mlflow/)."
  type        = string
  default     = "${{ values.bucketName }}"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.artifact_bucket_name)) && !strcontains(var.artifact_bucket_name, "..")
    error_message = "artifact_bucket_name must follow the S3 naming rules: 3 to 63 lowercase letters, digits, \".\" and \"-\"."
  }
}
{% endif %}
{% if values.rdsBackendStore %}

variable "mlflow_db_instance_class" {
  description = "RDS instance class of MLflow's PostgreSQL backend store."
  type        = string
  default     = "db.t4g.micro"

  validation {
    condition     = startswith(var.mlflow_db_instance_class, "db.")
    error_message = "mlflow_db_instance_class must be an RDS instance class such as \"db.t4g.micro\"."
  }
}

variable "mlflow_db_allocated_storage" {
  description = "Storage of MLflow's PostgreSQL backend store in GiB."
  type        = number
  default     = 20

  validation {
    condition     = var.mlflow_db_allocated_storage >= 20 && var.mlflow_db_allocated_storage <= 1000
    error_message = "mlflow_db_allocated_storage must be from 20 to 1000 GiB."
  }
}
{% endif %}
