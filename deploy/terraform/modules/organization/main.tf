# The AWS Organization of VoiceHive, run from the management account: the organisation itself
# (all features, SCPs enabled), an OU for the workload accounts, one account per environment, and
# the region-deny SCP (document built by modules/conventions) attached to the root, so that it
# binds every account but the management account (SCPs never apply to that one).

resource "aws_organizations_organization" "this" {
  feature_set          = "ALL"
  enabled_policy_types = ["SERVICE_CONTROL_POLICY"]

  aws_service_access_principals = [
    "backup.amazonaws.com",
    "cloudtrail.amazonaws.com",
    "sso.amazonaws.com",
  ]

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_organizations_organizational_unit" "workloads" {
  name      = "workloads"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_account" "environment" {
  for_each = var.accounts

  name      = "${var.project}-${each.key}"
  email     = each.value.email
  parent_id = aws_organizations_organizational_unit.workloads.id

  # Role the management account assumes to administer the new account (bootstrap, env stacks).
  role_name                  = var.admin_role_name
  iam_user_access_to_billing = "DENY"
  close_on_deletion          = false

  tags = {
    Environment = each.key
  }

  lifecycle {
    prevent_destroy = true
    # AWS does not return role_name after creation.
    ignore_changes = [role_name]
  }
}

resource "aws_organizations_policy" "region_deny" {
  name        = "${var.project}-eu-regions-only"
  description = "Deny every action outside eu-west-1 and eu-central-1, except global services (see modules/conventions)."
  type        = "SERVICE_CONTROL_POLICY"
  content     = var.region_deny_scp

  depends_on = [aws_organizations_organization.this]
}

resource "aws_organizations_policy_attachment" "region_deny" {
  for_each = toset(length(var.scp_target_ids) > 0 ? var.scp_target_ids : [aws_organizations_organization.this.roots[0].id])

  policy_id = aws_organizations_policy.region_deny.id
  target_id = each.value
}
