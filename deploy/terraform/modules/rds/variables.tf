variable "name" {
  description = "Identifier of the instance and prefix of its resources."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the database."
  type        = string
}

variable "data_subnet_ids" {
  description = "Data subnets (no internet route), at least two zones."
  type        = list(string)

  validation {
    condition     = length(var.data_subnet_ids) >= 2
    error_message = "RDS needs subnets in at least two availability zones."
  }
}

variable "client_security_group_ids" {
  description = "Security groups allowed to connect on 5432 (the EKS cluster security group)."
  type        = list(string)
}

variable "kms_key_arn" {
  description = "ARN of the `rds` KMS key."
  type        = string
}

variable "engine_major_version" {
  description = "PostgreSQL major version (minor versions are upgraded automatically)."
  type        = string
  default     = "17"
}

variable "instance_class" {
  description = "Instance class."
  type        = string
  default     = "db.m7g.large"
}

variable "allocated_storage_gib" {
  description = "Initial storage."
  type        = number
  default     = 50
}

variable "max_allocated_storage_gib" {
  description = "Storage autoscaling limit."
  type        = number
  default     = 500
}

variable "database_name" {
  description = "Name of the initial database."
  type        = string
  default     = "voicehive"
}

variable "master_username" {
  description = "Master user; its password is generated and kept in Secrets Manager by RDS (KMS)."
  type        = string
  default     = "voicehive_admin"
}

variable "multi_az" {
  description = "Standby in a second zone with automatic failover (prod)."
  type        = bool
}

variable "backup_retention_days" {
  description = "Days of automated backups (point-in-time recovery window), 7 to 35."
  type        = number

  validation {
    condition     = var.backup_retention_days >= 7 && var.backup_retention_days <= 35
    error_message = "backup_retention_days must be from 7 to 35."
  }
}

variable "deletion_protection" {
  description = "Refuse deletion of the instance."
  type        = bool
  default     = true
}

variable "backup_tags" {
  description = "Tags that select the instance for an AWS Backup plan (modules/backup selection_tags)."
  type        = map(string)
  default     = {}
}
