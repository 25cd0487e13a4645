variable "name" {
  description = "ID of the replication group and prefix of its resources (at most 40 characters)."
  type        = string

  validation {
    condition     = length(var.name) <= 40
    error_message = "ElastiCache replication group IDs have at most 40 characters."
  }
}

variable "vpc_id" {
  description = "VPC of the cache."
  type        = string
}

variable "data_subnet_ids" {
  description = "Data subnets (no internet route)."
  type        = list(string)
}

variable "client_security_group_ids" {
  description = "Security groups allowed to connect on 6379 (the EKS cluster security group)."
  type        = list(string)
}

variable "kms_key_arn" {
  description = "ARN of the `elasticache` KMS key (at rest)."
  type        = string
}

variable "logs_kms_key_arn" {
  description = "ARN of the `logs` KMS key (slow log group)."
  type        = string
}

variable "auth_token" {
  description = "Redis AUTH token (16 to 128 printable characters, no @, \", / or space). Comes from the environment's secret store (TF_VAR_redis_auth_token); never committed."
  type        = string
  sensitive   = true

  validation {
    condition     = can(regex("^[!#-.0-?A-~]{16,128}$", var.auth_token))
    error_message = "auth_token must be 16 to 128 printable characters without @, \", / or space."
  }
}

variable "engine_version" {
  description = "Redis engine version."
  type        = string
  default     = "7.1"
}

variable "node_type" {
  description = "Cache node type."
  type        = string
  default     = "cache.t4g.small"
}

variable "multi_az" {
  description = "A replica in another zone with automatic failover (prod)."
  type        = bool
}

variable "num_cache_clusters" {
  description = "Nodes (primary plus replicas); at least 2 when multi_az."
  type        = number
  default     = 1
}

variable "snapshot_retention_days" {
  description = "Days of daily snapshots (0 disables them)."
  type        = number
  default     = 7
}

variable "log_retention_days" {
  description = "Days the slow log is kept."
  type        = number
  default     = 365
}
