# One environment (dev, staging, prod) in one account and region, in dependency order:
# KMS keys -> network -> EKS -> data (RDS, ElastiCache) -> Vault's IAM side -> AWS Backup.
# envs/<env> calls this module with the environment's sizes; prod adds its disaster-recovery
# resources in eu-central-1 next to it.

module "conventions" {
  source = "../conventions"

  environment = var.environment
  region      = var.region
  vpc_cidr    = var.vpc_cidr
  az_count    = var.az_count
}

locals {
  name = module.conventions.name_prefix
}

module "kms" {
  source = "../kms"

  name_prefix = local.name
  purposes    = ["backups", "ebs", "eks-secrets", "elasticache", "logs", "rds", "vault-unseal"]
}

module "network" {
  source = "../network"

  name_prefix        = local.name
  region             = module.conventions.region
  cluster_name       = module.conventions.cluster_name
  vpc_cidr           = var.vpc_cidr
  availability_zones = module.conventions.availability_zones
  subnets            = module.conventions.subnets
  single_nat_gateway = var.single_nat_gateway
  logs_kms_key_arn   = module.kms.key_arns["logs"]
}

module "eks" {
  source = "../eks"

  cluster_name        = module.conventions.cluster_name
  kubernetes_version  = var.kubernetes_version
  vpc_id              = module.network.vpc_id
  private_subnet_ids  = module.network.private_subnet_ids
  api_access_cidrs    = var.api_access_cidrs
  admin_role_arns     = var.admin_role_arns
  secrets_kms_key_arn = module.kms.key_arns["eks-secrets"]
  logs_kms_key_arn    = module.kms.key_arns["logs"]
  ebs_kms_key_arn     = module.kms.key_arns["ebs"]

  system_instance_types     = var.system_instance_types
  system_min_size           = var.system_min_size
  system_max_size           = var.system_max_size
  gpu_instance_types        = var.gpu_instance_types
  gpu_max_size              = var.gpu_max_size
  speech_cpu_instance_types = var.speech_cpu_instance_types
  speech_cpu_max_size       = var.speech_cpu_max_size
}

module "rds" {
  source = "../rds"

  name                      = local.name
  vpc_id                    = module.network.vpc_id
  data_subnet_ids           = module.network.data_subnet_ids
  client_security_group_ids = [module.eks.cluster_security_group_id]
  kms_key_arn               = module.kms.key_arns["rds"]
  instance_class            = var.rds_instance_class
  multi_az                  = var.rds_multi_az
  backup_retention_days     = var.rds_backup_retention_days
  deletion_protection       = var.rds_deletion_protection
  backup_tags               = var.backups_enabled ? module.backup.selection_tags : {}
}

module "elasticache" {
  source = "../elasticache"

  name                      = local.name
  vpc_id                    = module.network.vpc_id
  data_subnet_ids           = module.network.data_subnet_ids
  client_security_group_ids = [module.eks.cluster_security_group_id]
  kms_key_arn               = module.kms.key_arns["elasticache"]
  logs_kms_key_arn          = module.kms.key_arns["logs"]
  auth_token                = var.redis_auth_token
  node_type                 = var.redis_node_type
  multi_az                  = var.redis_multi_az
  num_cache_clusters        = var.redis_num_cache_clusters
}

module "vault" {
  source = "../vault"

  name_prefix        = local.name
  region             = module.conventions.region
  oidc_provider_arn  = module.eks.oidc_provider_arn
  oidc_issuer_host   = module.eks.oidc_issuer_host
  unseal_kms_key_arn = module.kms.key_arns["vault-unseal"]
}

module "backup" {
  source = "../backup"

  name                = local.name
  kms_key_arn         = module.kms.key_arns["backups"]
  create_plan         = var.backups_enabled
  retention_days      = var.backup_retention_days
  copy_to_vault_arn   = var.backup_copy_vault_arn
  copy_retention_days = var.backup_retention_days
}
