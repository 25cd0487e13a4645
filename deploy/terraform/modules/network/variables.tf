variable "name_prefix" {
  description = "Prefix of resource names (modules/conventions name_prefix)."
  type        = string
}

variable "region" {
  description = "The stack's region (modules/conventions region), for endpoint service names."
  type        = string

  validation {
    condition     = contains(["eu-west-1", "eu-central-1"], var.region)
    error_message = "region must be eu-west-1 or eu-central-1."
  }
}

variable "cluster_name" {
  description = "EKS cluster that uses the subnets (Kubernetes subnet discovery tags)."
  type        = string
}

variable "vpc_cidr" {
  description = "The VPC's IPv4 range (validated by modules/conventions)."
  type        = string
}

variable "subnets" {
  description = "Subnet CIDRs by tier, one per availability zone (modules/conventions subnets)."
  type = object({
    public  = list(string)
    private = list(string)
    data    = list(string)
  })

  validation {
    condition     = length(var.subnets.public) == length(var.subnets.private) && length(var.subnets.data) == length(var.subnets.private) && length(var.subnets.private) >= 2
    error_message = "every tier needs the same number of subnets, at least two."
  }
}

variable "availability_zones" {
  description = "Availability zone names, one per subnet of each tier (modules/conventions availability_zones)."
  type        = list(string)
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all zones (cheaper, for dev) instead of one per zone."
  type        = bool
  default     = false
}

variable "interface_endpoints" {
  description = "AWS services reached through interface VPC endpoints in the private subnets: image pulls, IRSA token exchange, KMS, logs and secrets stay off the NAT. Controllers that call EC2, ELB or Auto Scaling go through NAT (each endpoint costs per zone and hour)."
  type        = list(string)
  default     = ["ecr.api", "ecr.dkr", "sts", "kms", "logs", "secretsmanager"]
}

variable "logs_kms_key_arn" {
  description = "ARN of the `logs` KMS key (flow log group)."
  type        = string
}

variable "flow_log_retention_days" {
  description = "Days VPC flow logs are kept."
  type        = number
  default     = 365

  validation {
    condition     = var.flow_log_retention_days >= 365
    error_message = "keep flow logs for at least a year."
  }
}
