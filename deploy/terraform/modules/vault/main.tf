# AWS side of Vault on EKS with KMS auto-unseal (docs/adr/0009-*.md): the IAM role the Vault
# pods assume through IRSA, allowed to use the `vault-unseal` KMS key and nothing else. Vault
# itself (Helm chart, raft storage on encrypted EBS volumes, TLS) is installed by the platform
# from deploy/helm, not by Terraform: the stacks here hold no Kubernetes or Helm provider, so a
# plan never needs the private API endpoint. The `seal_stanza` output is the piece of Vault's
# configuration this stack decides.

data "aws_iam_policy_document" "unseal" {
  statement {
    sid       = "AutoUnsealWithKms"
    effect    = "Allow"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"]
    resources = [var.unseal_kms_key_arn]
  }
}

module "role" {
  source = "../irsa-role"

  name               = "${var.name_prefix}-vault"
  oidc_provider_arn  = var.oidc_provider_arn
  oidc_issuer_host   = var.oidc_issuer_host
  namespace          = var.namespace
  service_account    = var.service_account
  inline_policy_json = data.aws_iam_policy_document.unseal.json
}
