variable "region" {
  description = "AWS region of the stack: eu-west-1 or eu-central-1 only (EU data residency)."
  type        = string
  default     = "eu-west-1"

  validation {
    condition     = contains(["eu-west-1", "eu-central-1"], var.region)
    error_message = "region must be eu-west-1 or eu-central-1 (EU data residency)."
  }
}

variable "account_id" {
  description = "The prod account. The provider refuses to run against any other account (allowed_account_ids)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account ID."
  }
}
