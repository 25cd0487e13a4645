# The prod environment in eu-west-1, with disaster-recovery copies in eu-central-1 (the other
# allowed region, modules/conventions dr_region): AWS Backup copies of every recovery point and
# RDS automated backups replicated there, each encrypted with a KMS key of that region.

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

# The disaster-recovery region: the other allowed EU region.
provider "aws" {
  alias               = "dr"
  region              = module.conventions.dr_region
  allowed_account_ids = [var.account_id]

  default_tags {
    tags = merge(module.conventions.tags, { Role = "disaster-recovery" })
  }
}

module "conventions" {
  source = "../../modules/conventions"

  environment = "prod"
  region      = var.region
  vpc_cidr    = var.vpc_cidr
  az_count    = var.az_count
}

module "dr_kms" {
  source = "../../modules/kms"
  providers = {
    aws = aws.dr
  }

  name_prefix = "${module.conventions.name_prefix}-dr"
  purposes    = ["backups", "rds"]
}

module "dr_backup" {
  source = "../../modules/backup"
  providers = {
    aws = aws.dr
  }

  name        = "${module.conventions.name_prefix}-dr"
  kms_key_arn = module.dr_kms.key_arns["backups"]
  create_plan = false
}

module "environment" {
  source = "../../modules/environment"

  environment        = "prod"
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
  backup_copy_vault_arn = module.dr_backup.vault_arn
}

# Point-in-time recovery in the other region (minutes of data loss at most, where the daily
# AWS Backup copy alone would allow a day).
resource "aws_db_instance_automated_backups_replication" "dr" {
  provider = aws.dr

  source_db_instance_arn = module.environment.rds_instance_arn
  kms_key_id             = module.dr_kms.key_arns["rds"]
  retention_period       = 14
}
