variable "environment" {
  description = "dev, staging or prod."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "region" {
  description = "Region of the environment (eu-west-1 or eu-central-1; validated by modules/conventions)."
  type        = string
}

variable "vpc_cidr" {
  description = "The VPC's range (distinct per environment, so that VPCs can be peered)."
  type        = string
}

variable "az_count" {
  description = "Availability zones (2 or 3)."
  type        = number
  default     = 3
}

variable "single_nat_gateway" {
  description = "One NAT gateway instead of one per zone (dev)."
  type        = bool
  default     = false
}

variable "kubernetes_version" {
  description = "EKS Kubernetes minor version."
  type        = string
  default     = "1.34"
}

variable "admin_role_arns" {
  description = "IAM roles with cluster-admin access to EKS."
  type        = list(string)
}

variable "api_access_cidrs" {
  description = "Networks allowed to reach the private Kubernetes API endpoint."
  type        = list(string)
  default     = []
}

variable "system_instance_types" {
  description = "Instance types of the system node group."
  type        = list(string)
  default     = ["m7i.large", "m6i.large"]
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

variable "gpu_instance_types" {
  description = "Single-GPU instance types for speech, in order of preference."
  type        = list(string)
  default     = ["g6.xlarge", "g5.xlarge", "g6.2xlarge"]
}

variable "gpu_max_size" {
  description = "Maximum GPU nodes (the minimum is 0)."
  type        = number
  default     = 4
}

variable "speech_cpu_instance_types" {
  description = "Instance types of the CPU fallback node group for speech."
  type        = list(string)
  default     = ["c7i.2xlarge", "c6i.2xlarge"]
}

variable "speech_cpu_max_size" {
  description = "Maximum CPU fallback nodes for speech (the minimum is 0)."
  type        = number
  default     = 4
}

variable "rds_instance_class" {
  description = "RDS instance class."
  type        = string
  default     = "db.m7g.large"
}

variable "rds_multi_az" {
  description = "RDS standby in a second zone."
  type        = bool
}

variable "rds_backup_retention_days" {
  description = "Days of RDS automated backups."
  type        = number
}

variable "rds_deletion_protection" {
  description = "Refuse deletion of the RDS instance."
  type        = bool
  default     = true
}

variable "redis_node_type" {
  description = "ElastiCache node type."
  type        = string
  default     = "cache.t4g.small"
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
  description = "Redis AUTH token (from the secret store, TF_VAR_redis_auth_token)."
  type        = string
  sensitive   = true
}

variable "backups_enabled" {
  description = "Daily AWS Backup plan over the resources tagged for it."
  type        = bool
  default     = true
}

variable "backup_retention_days" {
  description = "Days AWS Backup keeps a daily recovery point (and its copy)."
  type        = number
  default     = 35
}

variable "backup_copy_vault_arn" {
  description = "Backup vault in the other EU region receiving copies (prod), or null."
  type        = string
  default     = null
}
