variable "project" {
  description = "Project name, the prefix of account and policy names."
  type        = string
  default     = "voicehive"
}

variable "accounts" {
  description = "Workload accounts by environment (dev, staging, prod), each with its root e-mail address (unique across AWS)."
  type = map(object({
    email = string
  }))

  validation {
    condition     = alltrue([for env in keys(var.accounts) : contains(["dev", "staging", "prod"], env)])
    error_message = "accounts keys must be dev, staging or prod."
  }

  validation {
    condition     = alltrue([for a in values(var.accounts) : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", a.email))])
    error_message = "every account needs a valid e-mail address."
  }
}

variable "admin_role_name" {
  description = "Name of the administrator role Organizations creates in each new account."
  type        = string
  default     = "OrganizationAccountAccessRole"
}

variable "region_deny_scp" {
  description = "The region-deny SCP document (modules/conventions region_deny_scp)."
  type        = string

  validation {
    condition     = length(var.region_deny_scp) <= 5120 && can(jsondecode(var.region_deny_scp).Statement)
    error_message = "region_deny_scp must be a policy document of at most 5120 characters."
  }
}

variable "scp_target_ids" {
  description = "Roots, OUs or accounts the SCP is attached to; empty attaches it to the organisation's root."
  type        = list(string)
  default     = []
}
