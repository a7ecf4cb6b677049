# Terraform state. Without a backend block it stays in terraform.tfstate in
# this folder (ignored by git): fine for one person trying the module out.
# For a team, keep it in an S3 bucket that exists before this module (state
# cannot live in a bucket the same state creates) and lock it with a lock file:
# uncomment the block, fill in the bucket, then run `terraform init -migrate-state`.
# No credentials belong here: the S3 backend uses the same AWS credentials as
# the provider (environment, profile or SSO session).
#
# terraform {
#   backend "s3" {
#     bucket       = "<state bucket>"
#     key          = "${{ values.name }}/terraform.tfstate"
#     region       = "${{ values.awsRegion }}"
#     use_lockfile = true
#   }
# }
