output "account_ids" {
  description = "Account ID by environment: the account_id of bootstrap/<env> and envs/<env>."
  value       = module.organization.account_ids
}

output "region_deny_policy_id" {
  description = "ID of the region-deny SCP."
  value       = module.organization.region_deny_policy_id
}

output "scp_global_actions" {
  description = "Actions the SCP exempts (global services)."
  value       = module.conventions.scp_global_actions
}
