variable "region" {
  description = "AWS region of the environment: eu-west-1 or eu-central-1 only (EU data residency)."
  type        = string
  default     = "eu-west-1"

  validation {
    condition     = contains(["eu-west-1", "eu-central-1"], var.region)
    error_message = "region must be eu-west-1 or eu-central-1 (EU data residency)."
  }
}

variable "account_id" {
  description = "The environment's AWS account (org stack output account_ids). The provider refuses to run against any other account."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account ID."
  }
}

variable "vpc_cidr" {
  description = "The VPC's range (distinct per environment)."
  type        = string
}

variable "az_count" {
  description = "Availability zones (2 or 3)."
  type        = number
  default     = 3
}

variable "single_nat_gateway" {
  description = "One NAT gateway instead of one per zone."
  type        = bool
  default     = false
}

variable "admin_role_names" {
  description = "IAM roles of the account with cluster-admin access to EKS (the role Organizations created is the break-glass one)."
  type        = list(string)
  default     = ["OrganizationAccountAccessRole"]
}

variable "api_access_cidrs" {
  description = "Networks (VPN, CI runners) allowed to reach the private Kubernetes API endpoint."
  type        = list(string)
  default     = []
}

variable "system_min_size" {
  description = "Minimum nodes of the system node group."
  type        = number
  default     = 2
}

variable "system_max_size" {
  description = "Maximum nodes of the system node group."
  type        = number
  default     = 6
}

variable "gpu_max_size" {
  description = "Maximum GPU nodes for speech (the minimum is 0)."
  type        = number
}

variable "speech_cpu_max_size" {
  description = "Maximum CPU fallback nodes for speech (the minimum is 0)."
  type        = number
}

variable "rds_instance_class" {
  description = "RDS instance class."
  type        = string
}

variable "rds_multi_az" {
  description = "RDS standby in a second zone."
  type        = bool
}

variable "rds_backup_retention_days" {
  description = "Days of RDS automated backups."
  type        = number
}

variable "redis_node_type" {
  description = "ElastiCache node type."
  type        = string
}

variable "redis_multi_az" {
  description = "Redis replica in another zone with automatic failover."
  type        = bool
}

variable "redis_num_cache_clusters" {
  description = "Redis nodes (primary plus replicas)."
  type        = number
  default     = 1
}

variable "redis_auth_token" {
  description = "Redis AUTH token: from the environment's secret store as TF_VAR_redis_auth_token, never in a file."
  type        = string
  sensitive   = true
}

variable "backups_enabled" {
  description = "Daily AWS Backup plan over the tagged resources."
  type        = bool
  default     = true
}
