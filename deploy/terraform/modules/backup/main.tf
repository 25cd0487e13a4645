# AWS Backup: a vault encrypted with the `backups` KMS key and, when create_plan is set, a daily
# plan over every resource tagged with selection_tags (RDS instances, the EBS volumes of Vault's
# raft storage), with an optional copy of each recovery point to a vault in the other EU region.
# The disaster-recovery side (envs/prod) uses the module with create_plan = false for the vault
# that receives the copies.

data "aws_partition" "current" {}

resource "aws_backup_vault" "this" {
  name          = var.name
  kms_key_arn   = var.kms_key_arn
  force_destroy = false
}

data "aws_iam_policy_document" "assume" {
  count = var.create_plan ? 1 : 0

  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["backup.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "backup" {
  count = var.create_plan ? 1 : 0

  name               = "${var.name}-aws-backup"
  assume_role_policy = data.aws_iam_policy_document.assume[0].json
}

resource "aws_iam_role_policy_attachment" "backup" {
  for_each = var.create_plan ? toset(["AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores"]) : toset([])

  role       = aws_iam_role.backup[0].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/${each.value}"
}

resource "aws_backup_plan" "this" {
  count = var.create_plan ? 1 : 0

  name = var.name

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.this.name
    schedule          = "cron(0 1 * * ? *)"
    start_window      = 60
    completion_window = 360

    lifecycle {
      delete_after = var.retention_days
    }

    dynamic "copy_action" {
      for_each = var.copy_to_vault_arn == null ? [] : [var.copy_to_vault_arn]

      content {
        destination_vault_arn = copy_action.value

        lifecycle {
          delete_after = var.copy_retention_days
        }
      }
    }
  }
}

resource "aws_backup_selection" "this" {
  count = var.create_plan ? 1 : 0

  name         = "${var.name}-tagged"
  plan_id      = aws_backup_plan.this[0].id
  iam_role_arn = aws_iam_role.backup[0].arn
  resources    = ["*"]

  dynamic "selection_tag" {
    for_each = var.selection_tags

    content {
      type  = "STRINGEQUALS"
      key   = selection_tag.key
      value = selection_tag.value
    }
  }
}
