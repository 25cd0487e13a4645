# The staging environment: like prod in shape (three zones), smaller and single-AZ data stores.

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

  environment = "staging"
  region      = var.region
  vpc_cidr    = var.vpc_cidr
  az_count    = var.az_count
}

module "environment" {
  source = "../../modules/environment"

  environment        = "staging"
  region             = var.region
  vpc_cidr           = var.vpc_cidr
  az_count           = var.az_count
  single_nat_gateway = var.single_nat_gateway
  admin_role_arns    = [for name in var.admin_role_names : "arn:aws:iam::${var.account_id}:role/${name}"]
  api_access_cidrs   = var.api_access_cidrs

  system_min_size     = var.system_min_size
  system_max_size     = var.system_max_size
  gpu_max_size        = var.gpu_max_size
  speech_cpu_max_size = var.speech_cpu_max_size

  rds_instance_class        = var.rds_instance_class
  rds_multi_az              = var.rds_multi_az
  rds_backup_retention_days = var.rds_backup_retention_days

  redis_node_type          = var.redis_node_type
  redis_multi_az           = var.redis_multi_az
  redis_num_cache_clusters = var.redis_num_cache_clusters
  redis_auth_token         = var.redis_auth_token

  backups_enabled       = var.backups_enabled
  backup_copy_vault_arn = null
}
