output "state_bucket" {
  description = "The state bucket (backend \"s3\" bucket)."
  value       = module.state_backend.bucket_name
}

output "lock_table" {
  description = "The lock table (backend \"s3\" dynamodb_table)."
  value       = module.state_backend.lock_table_name
}

output "state_kms_key_arn" {
  description = "The state key; roles that run Terraform need kms:Encrypt, kms:Decrypt and kms:GenerateDataKey on it."
  value       = module.kms.key_arns["state"]
}
