variable "bucket_name" {
  description = "Name of the state bucket (modules/conventions state_bucket_name). The access log bucket is BUCKET-access-logs."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,49}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be 3 to 51 lower-case letters, digits or hyphens (the log bucket adds 12 characters)."
  }
}

variable "lock_table_name" {
  description = "Name of the DynamoDB lock table (modules/conventions state_lock_table_name)."
  type        = string
}

variable "kms_key_arn" {
  description = "ARN of the account's `state` KMS key (modules/kms)."
  type        = string
}

variable "noncurrent_version_retention_days" {
  description = "Days a replaced state version is kept (recovery from a bad apply)."
  type        = number
  default     = 90

  validation {
    condition     = var.noncurrent_version_retention_days >= 30
    error_message = "keep replaced state versions for at least 30 days."
  }
}

variable "access_log_retention_days" {
  description = "Days S3 access logs of the state bucket are kept."
  type        = number
  default     = 365
}
