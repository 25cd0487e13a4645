variable "project" {
  description = "Project name, the first part of every resource name."
  type        = string
  default     = "voicehive"

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{2,15}$", var.project))
    error_message = "project must be 3 to 16 lower-case letters or digits, starting with a letter."
  }
}

variable "environment" {
  description = "Environment: mgmt (the organisation's management account), dev, staging or prod."
  type        = string

  validation {
    condition     = contains(["mgmt", "dev", "staging", "prod"], var.environment)
    error_message = "environment must be one of mgmt, dev, staging, prod."
  }
}

variable "region" {
  description = "AWS region of the stack. Guest data stays in the EU: only eu-west-1 (Ireland) and eu-central-1 (Frankfurt) are allowed."
  type        = string

  validation {
    condition     = contains(["eu-west-1", "eu-central-1"], var.region)
    error_message = "region must be eu-west-1 or eu-central-1 (EU data residency)."
  }
}

variable "vpc_cidr" {
  description = "The VPC's IPv4 range: a private (RFC 1918) network address with a prefix from /16 to /20."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition = (
      can(cidrnetmask(var.vpc_cidr))
      && can(regex("^[0-9.]+/(1[6-9]|20)$", var.vpc_cidr))
      && try(cidrhost(var.vpc_cidr, 0) == split("/", var.vpc_cidr)[0], false)
      && try(
        cidrhost(format("%s/8", cidrhost(var.vpc_cidr, 0)), 0) == "10.0.0.0"
        || cidrhost(format("%s/12", cidrhost(var.vpc_cidr, 0)), 0) == "172.16.0.0"
        || cidrhost(format("%s/16", cidrhost(var.vpc_cidr, 0)), 0) == "192.168.0.0",
        false
      )
    )
    error_message = "vpc_cidr must be an RFC 1918 network address (10/8, 172.16/12, 192.168/16) with a prefix from /16 to /20, e.g. 10.30.0.0/16."
  }
}

variable "az_count" {
  description = "Availability zones the VPC spans (2 or 3). The CIDR layout always reserves three, so adding a zone renumbers nothing."
  type        = number
  default     = 3

  validation {
    condition     = contains([2, 3], var.az_count)
    error_message = "az_count must be 2 or 3."
  }
}

variable "extra_tags" {
  description = "Tags added to the default tags (they cannot replace them)."
  type        = map(string)
  default     = {}
}

variable "scp_exempt_principal_arns" {
  description = "IAM principal ARN patterns the region-deny SCP does not apply to (e.g. a break-glass role). Empty by default: nobody is exempt."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.scp_exempt_principal_arns : can(regex("^arn:aws:iam::([0-9]{12}|\\*):role/", arn))])
    error_message = "scp_exempt_principal_arns must be IAM role ARN patterns (arn:aws:iam::ACCOUNT:role/NAME, ACCOUNT may be *)."
  }
}
