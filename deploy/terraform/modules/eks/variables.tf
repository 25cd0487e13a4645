variable "cluster_name" {
  description = "Name of the cluster (modules/conventions cluster_name)."
  type        = string
}

variable "kubernetes_version" {
  description = "Kubernetes minor version of the control plane (standard support only)."
  type        = string
  default     = "1.34"

  validation {
    condition     = can(regex("^1\\.[0-9]{2}$", var.kubernetes_version))
    error_message = "kubernetes_version is a minor version such as 1.34."
  }
}

variable "vpc_id" {
  description = "VPC of the cluster."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets for the control plane's network interfaces and the nodes."
  type        = list(string)
}

variable "api_access_cidrs" {
  description = "Networks allowed to reach the private Kubernetes API endpoint on 443 (VPN, CI runners)."
  type        = list(string)
  default     = []
}

variable "admin_role_arns" {
  description = "IAM roles with cluster-admin access (EKS access entries). Needed: the cluster creator gets no implicit access."
  type        = list(string)

  validation {
    condition     = length(var.admin_role_arns) > 0
    error_message = "give at least one administrator role (e.g. a break-glass role)."
  }
}

variable "secrets_kms_key_arn" {
  description = "ARN of the `eks-secrets` KMS key (envelope encryption of Kubernetes secrets)."
  type        = string
}

variable "logs_kms_key_arn" {
  description = "ARN of the `logs` KMS key (control-plane log group)."
  type        = string
}

variable "ebs_kms_key_arn" {
  description = "ARN of the `ebs` KMS key (node volumes, persistent volumes through the EBS CSI driver)."
  type        = string
}

variable "log_retention_days" {
  description = "Days control-plane logs are kept."
  type        = number
  default     = 365
}

variable "system_instance_types" {
  description = "Instance types of the system node group."
  type        = list(string)
  default     = ["m7i.large", "m6i.large"]
}

variable "system_min_size" {
  description = "Minimum (and initial) nodes of the system node group."
  type        = number
  default     = 2
}

variable "system_max_size" {
  description = "Maximum nodes of the system node group."
  type        = number
  default     = 6
}

variable "gpu_instance_types" {
  description = "Single-GPU instance types for speech, in order of preference (several types widen the capacity pools)."
  type        = list(string)
  default     = ["g6.xlarge", "g5.xlarge", "g6.2xlarge"]
}

variable "gpu_max_size" {
  description = "Maximum nodes of the GPU node group (minimum is 0: it scales to zero)."
  type        = number
  default     = 4

  validation {
    condition     = var.gpu_max_size >= 1
    error_message = "gpu_max_size must be at least 1."
  }
}

variable "speech_cpu_instance_types" {
  description = "Compute-optimised instance types of the CPU fallback node group for speech."
  type        = list(string)
  default     = ["c7i.2xlarge", "c6i.2xlarge"]
}

variable "speech_cpu_max_size" {
  description = "Maximum nodes of the CPU fallback node group (minimum is 0)."
  type        = number
  default     = 4

  validation {
    condition     = var.speech_cpu_max_size >= 1
    error_message = "speech_cpu_max_size must be at least 1."
  }
}
