output "cluster_name" {
  description = "Name of the EKS cluster."
  value       = module.eks.cluster_name
}

output "cluster_endpoint" {
  description = "Endpoint of the EKS API server."
  value       = module.eks.cluster_endpoint
}

output "kubeconfig_command" {
  description = "Adds the cluster to your kubeconfig; run it after `terraform apply`."
  value       = "aws eks update-kubeconfig --region ${var.region} --name ${module.eks.cluster_name}"
}

output "vpc_id" {
  description = "ID of the VPC."
  value       = module.vpc.vpc_id
}
{% if values.storage == 's3' %}

output "artifact_bucket" {
  description = "S3 bucket of the DVC remote and the MLflow artifacts."
  value       = aws_s3_bucket.artifacts.bucket
}
{% endif %}
{% if values.rdsBackendStore %}

output "mlflow_db_endpoint" {
  description = "host:port of MLflow's PostgreSQL backend store."
  value       = aws_db_instance.mlflow.endpoint
}

output "mlflow_db_secret_arn" {
  description = "ARN of the Secrets Manager secret that holds the generated PostgreSQL password (read it with `aws secretsmanager get-secret-value`)."
  value       = aws_db_instance.mlflow.master_user_secret[0].secret_arn
}
{% endif %}
