output "organization_id" {
  description = "ID of the organisation."
  value       = aws_organizations_organization.this.id
}

output "account_ids" {
  description = "Account ID by environment (the env stacks' account_id)."
  value       = { for env, account in aws_organizations_account.environment : env => account.id }
}

output "workloads_ou_id" {
  description = "ID of the workloads OU."
  value       = aws_organizations_organizational_unit.workloads.id
}

output "region_deny_policy_id" {
  description = "ID of the region-deny SCP."
  value       = aws_organizations_policy.region_deny.id
}
