# Terraform state backend of the mgmt account: the `state` KMS key, the state bucket (and its
# access log bucket) and the DynamoDB lock table. Applied first, once per account.

terraform {
  required_version = ">= 1.10.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0.0, < 7.0.0"
    }
  }
}

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]

  default_tags {
    tags = module.conventions.tags
  }
}

module "conventions" {
  source = "../../modules/conventions"

  environment = "mgmt"
  region      = var.region
}

module "kms" {
  source = "../../modules/kms"

  name_prefix = module.conventions.name_prefix
  purposes    = ["state"]
}

module "state_backend" {
  source = "../../modules/state-backend"

  bucket_name     = module.conventions.state_bucket_name
  lock_table_name = module.conventions.state_lock_table_name
  kms_key_arn     = module.kms.key_arns["state"]
}
