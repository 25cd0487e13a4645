variable "name" {
  description = "Name of the IAM role."
  type        = string
}

variable "oidc_provider_arn" {
  description = "ARN of the cluster's IAM OIDC provider (modules/eks oidc_provider_arn)."
  type        = string
}

variable "oidc_issuer_host" {
  description = "The cluster's OIDC issuer without https:// (modules/eks oidc_issuer_host)."
  type        = string

  validation {
    condition     = !startswith(var.oidc_issuer_host, "https://")
    error_message = "oidc_issuer_host is the issuer URL without https://."
  }
}

variable "namespace" {
  description = "Kubernetes namespace of the service account."
  type        = string
}

variable "service_account" {
  description = "Name of the Kubernetes service account."
  type        = string
}

variable "managed_policy_arns" {
  description = "Managed policies attached to the role."
  type        = list(string)
  default     = []
}

variable "inline_policy_json" {
  description = "An inline policy document (JSON) for the role, or null."
  type        = string
  default     = null
}
