output "vault_arn" {
  description = "ARN of the backup vault."
  value       = aws_backup_vault.this.arn
}

output "vault_name" {
  description = "Name of the backup vault."
  value       = aws_backup_vault.this.name
}

output "selection_tags" {
  description = "Tags that select a resource for the daily plan."
  value       = var.selection_tags
}
