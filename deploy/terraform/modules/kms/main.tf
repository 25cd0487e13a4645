# One customer-managed KMS key per purpose, with yearly rotation and a key policy that lets the
# account's IAM policies grant use (the account root statement), plus the service principals a
# purpose needs. Who may use a key is then decided by IAM roles (the IRSA roles of the EKS
# module and modules/vault, the roles of RDS, ElastiCache, EKS and AWS Backup).

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.region

  descriptions = {
    backups        = "AWS Backup vaults (RDS snapshots, EBS volumes)"
    ebs            = "EBS volumes of EKS nodes and persistent volumes (Vault's storage)"
    "eks-secrets"  = "envelope encryption of Kubernetes secrets in EKS"
    elasticache    = "ElastiCache Redis at rest"
    logs           = "CloudWatch Logs (VPC flow logs, EKS control plane, Redis slow log)"
    rds            = "RDS PostgreSQL storage, snapshots and Performance Insights"
    state          = "Terraform state (S3 bucket and DynamoDB lock table)"
    "vault-unseal" = "Vault auto-unseal (awskms seal)"
  }
}

# Key policies are written as JSON (not aws_iam_policy_document): in a key policy, Resource "*"
# means "this key", which identity-policy linters would misread as "every resource".
locals {
  autoscaling_role = "arn:${local.partition}:iam::${local.account_id}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"

  account_statement = {
    Sid       = "AccountAdministersKeyThroughIam"
    Effect    = "Allow"
    Principal = { AWS = "arn:${local.partition}:iam::${local.account_id}:root" }
    Action    = "kms:*"
    Resource  = "*"
  }

  purpose_statements = {
    logs = [{
      Sid       = "CloudWatchLogsOfThisAccount"
      Effect    = "Allow"
      Principal = { Service = "logs.${local.region}.amazonaws.com" }
      Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
      Resource  = "*"
      Condition = {
        ArnLike = { "kms:EncryptionContext:aws:logs:arn" = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*" }
      }
    }]
    # EC2 Auto Scaling launches the EKS nodes with encrypted volumes through its service-linked
    # role, which needs the key and grants on it (else nodes fail to start).
    ebs = [
      {
        Sid       = "AutoScalingUsesKeyForNodeVolumes"
        Effect    = "Allow"
        Principal = { AWS = local.autoscaling_role }
        Action    = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
        Resource  = "*"
      },
      {
        Sid       = "AutoScalingCreatesGrantsForNodeVolumes"
        Effect    = "Allow"
        Principal = { AWS = local.autoscaling_role }
        Action    = "kms:CreateGrant"
        Resource  = "*"
        Condition = { Bool = { "kms:GrantIsForAWSResource" = "true" } }
      },
    ]
  }

  key_policies = {
    for purpose in var.purposes : purpose => jsonencode({
      Version   = "2012-10-17"
      Statement = concat([local.account_statement], lookup(local.purpose_statements, purpose, []))
    })
  }
}

resource "aws_kms_key" "this" {
  for_each = toset(var.purposes)

  description             = "${var.name_prefix} ${each.key}: ${local.descriptions[each.key]}"
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window_in_days
  multi_region            = false
  policy                  = local.key_policies[each.key]

  tags = {
    Name    = "${var.name_prefix}-${each.key}"
    Purpose = each.key
  }
}

resource "aws_kms_alias" "this" {
  for_each = toset(var.purposes)

  name          = "alias/${var.name_prefix}-${each.key}"
  target_key_id = aws_kms_key.this[each.key].key_id
}
