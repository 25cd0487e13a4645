variable "name" {
  description = "Name of the backup vault, plan and role."
  type        = string
}

variable "kms_key_arn" {
  description = "ARN of the `backups` KMS key of the vault's region."
  type        = string
}

variable "create_plan" {
  description = "Create the daily plan and its selection (false for a vault that only receives copies)."
  type        = bool
  default     = true
}

variable "selection_tags" {
  description = "Resources carrying all these tags are backed up."
  type        = map(string)
  default     = { "voicehive:backup" = "daily" }
}

variable "retention_days" {
  description = "Days a daily recovery point is kept."
  type        = number
  default     = 35
}

variable "copy_to_vault_arn" {
  description = "Vault (in the other EU region) that receives a copy of every recovery point, or null."
  type        = string
  default     = null

  validation {
    condition     = var.copy_to_vault_arn == null || can(regex("^arn:aws:backup:(eu-west-1|eu-central-1):[0-9]{12}:backup-vault:", var.copy_to_vault_arn))
    error_message = "copy_to_vault_arn must be a backup vault in eu-west-1 or eu-central-1."
  }
}

variable "copy_retention_days" {
  description = "Days a copied recovery point is kept in the other region."
  type        = number
  default     = 35
}
