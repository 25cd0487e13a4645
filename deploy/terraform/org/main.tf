# The organisation, run in the management account after bootstrap/mgmt: the workload accounts
# (dev, staging, prod) and the service control policy that denies every region but eu-west-1
# and eu-central-1 (document and its global-service exemptions: modules/conventions).

terraform {
  required_version = ">= 1.10.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0.0, < 7.0.0"
    }
  }
}

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]

  default_tags {
    tags = module.conventions.tags
  }
}

module "conventions" {
  source = "../modules/conventions"

  environment               = "mgmt"
  region                    = var.region
  scp_exempt_principal_arns = var.scp_exempt_principal_arns
}

module "organization" {
  source = "../modules/organization"

  accounts        = var.accounts
  region_deny_scp = module.conventions.region_deny_scp
}
