variable "name_prefix" {
  description = "Prefix of the role name (modules/conventions name_prefix)."
  type        = string
}

variable "region" {
  description = "Region of the unseal key (written into the seal stanza)."
  type        = string

  validation {
    condition     = contains(["eu-west-1", "eu-central-1"], var.region)
    error_message = "region must be eu-west-1 or eu-central-1."
  }
}

variable "oidc_provider_arn" {
  description = "ARN of the cluster's IAM OIDC provider (modules/eks)."
  type        = string
}

variable "oidc_issuer_host" {
  description = "The cluster's OIDC issuer without https:// (modules/eks)."
  type        = string
}

variable "unseal_kms_key_arn" {
  description = "ARN of the `vault-unseal` KMS key (modules/kms)."
  type        = string
}

variable "namespace" {
  description = "Kubernetes namespace of Vault."
  type        = string
  default     = "vault"
}

variable "service_account" {
  description = "Service account of the Vault server pods."
  type        = string
  default     = "vault"
}
