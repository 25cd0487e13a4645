output "allowed_regions" {
  description = "The allowed AWS regions, sorted."
  value       = local.allowed_regions
}

output "region" {
  description = "The stack's region (validated)."
  value       = var.region
}

output "region_code" {
  description = "Short code of the region used in names (euw1, euc1)."
  value       = local.region_code
}

output "dr_region" {
  description = "The other allowed region, where disaster recovery copies go."
  value       = local.dr_region
}

output "name_prefix" {
  description = "Prefix of resource names: PROJECT-ENVIRONMENT."
  value       = local.name_prefix
}

output "regional_prefix" {
  description = "Prefix of names that are global across AWS (S3 buckets): PROJECT-ENVIRONMENT-REGIONCODE."
  value       = local.regional_prefix
}

output "cluster_name" {
  description = "Name of the environment's EKS cluster."
  value       = local.name_prefix
}

output "state_bucket_name" {
  description = "Name of the account's Terraform state bucket (the backend blocks spell it out)."
  value       = "${local.regional_prefix}-tfstate"
}

output "state_lock_table_name" {
  description = "Name of the account's Terraform lock table."
  value       = "${local.name_prefix}-tfstate-lock"
}

output "tags" {
  description = "Default tags for every resource (provider default_tags)."
  value       = local.tags
}

output "kms_purposes" {
  description = "Every purpose with its own KMS key."
  value       = local.kms_purposes
}

output "availability_zones" {
  description = "Availability zone names the VPC uses (az_count of a, b, c)."
  value       = local.availability_zones
}

output "subnets" {
  description = "Subnet CIDRs by tier (private, public, data), one per availability zone."
  value       = local.subnets
}

output "scp_global_actions" {
  description = "Actions the region-deny SCP exempts (global services)."
  value       = local.scp_global_actions
}

output "region_deny_scp" {
  description = "The region-deny service control policy document (JSON)."
  value       = local.region_deny_scp
}
