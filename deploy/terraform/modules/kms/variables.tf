variable "name_prefix" {
  description = "Prefix of key aliases and descriptions (modules/conventions name_prefix)."
  type        = string
}

variable "purposes" {
  description = "Purposes to create a key for (a subset of modules/conventions kms_purposes)."
  type        = list(string)

  validation {
    condition     = length(var.purposes) > 0 && alltrue([for p in var.purposes : contains(["backups", "ebs", "eks-secrets", "elasticache", "logs", "rds", "state", "vault-unseal"], p)])
    error_message = "purposes must be a non-empty subset of backups, ebs, eks-secrets, elasticache, logs, rds, state, vault-unseal."
  }
}

variable "deletion_window_in_days" {
  description = "Waiting period before a scheduled key deletion (7 to 30 days)."
  type        = number
  default     = 30

  validation {
    condition     = var.deletion_window_in_days >= 7 && var.deletion_window_in_days <= 30
    error_message = "deletion_window_in_days must be from 7 to 30."
  }
}
