output "role_arn" {
  description = "IRSA role of Vault: the eks.amazonaws.com/role-arn annotation of its service account."
  value       = module.role.role_arn
}

output "seal_stanza" {
  description = "Vault server configuration for KMS auto-unseal (the Helm values' server config)."
  value       = <<-EOT
    seal "awskms" {
      region     = "${var.region}"
      kms_key_id = "${var.unseal_kms_key_arn}"
    }
  EOT
}
