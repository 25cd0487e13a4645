output "eks_cluster_name" {
  description = "Name of the EKS cluster (aws eks update-kubeconfig --name ...)."
  value       = module.environment.eks_cluster_name
}

output "eks_node_group_names" {
  description = "Managed node group by pool (for the cluster autoscaler's priority expander)."
  value       = module.environment.eks_node_group_names
}

output "service_account_role_arns" {
  description = "IRSA role ARN by Kubernetes service account (namespace/name), for the Helm values."
  value       = module.environment.service_account_role_arns
}

output "vault_seal_stanza" {
  description = "Vault server configuration for KMS auto-unseal (Helm values)."
  value       = module.environment.vault_seal_stanza
}

output "rds_endpoint" {
  description = "PostgreSQL host:port (TLS required; IAM authentication enabled)."
  value       = module.environment.rds_endpoint
}

output "rds_master_user_secret_arn" {
  description = "Secrets Manager secret with the PostgreSQL master password."
  value       = module.environment.rds_master_user_secret_arn
}

output "redis_primary_endpoint" {
  description = "Redis primary endpoint (TLS and AUTH required)."
  value       = module.environment.redis_primary_endpoint
}

output "kms_key_arns" {
  description = "KMS key ARN by purpose."
  value       = module.environment.kms_key_arns
}
