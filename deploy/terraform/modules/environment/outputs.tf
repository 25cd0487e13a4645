output "name_prefix" {
  description = "Prefix of the environment's resource names."
  value       = local.name
}

output "vpc_id" {
  description = "ID of the VPC."
  value       = module.network.vpc_id
}

output "subnet_ids" {
  description = "Subnet IDs by tier."
  value = {
    public  = module.network.public_subnet_ids
    private = module.network.private_subnet_ids
    data    = module.network.data_subnet_ids
  }
}

output "kms_key_arns" {
  description = "KMS key ARN by purpose."
  value       = module.kms.key_arns
}

output "eks_cluster_name" {
  description = "Name of the EKS cluster."
  value       = module.eks.cluster_name
}

output "eks_cluster_endpoint" {
  description = "Private endpoint of the Kubernetes API."
  value       = module.eks.cluster_endpoint
}

output "eks_node_group_names" {
  description = "Managed node group by pool (system, speech-gpu, speech-cpu)."
  value       = module.eks.node_group_names
}

output "service_account_role_arns" {
  description = "IRSA roles by Kubernetes service account (namespace/name), Vault's included."
  value = merge(module.eks.service_account_role_arns, {
    "vault/vault" = module.vault.role_arn
  })
}

output "vault_seal_stanza" {
  description = "Vault server configuration for KMS auto-unseal."
  value       = module.vault.seal_stanza
}

output "rds_instance_arn" {
  description = "ARN of the PostgreSQL instance."
  value       = module.rds.instance_arn
}

output "rds_endpoint" {
  description = "host:port of PostgreSQL (TLS required)."
  value       = module.rds.endpoint
}

output "rds_master_user_secret_arn" {
  description = "Secrets Manager secret of the master password."
  value       = module.rds.master_user_secret_arn
}

output "redis_primary_endpoint" {
  description = "Redis primary endpoint (TLS, AUTH)."
  value       = module.elasticache.primary_endpoint
}

output "backup_vault_arn" {
  description = "The environment's backup vault."
  value       = module.backup.vault_arn
}
