output "instance_arn" {
  description = "ARN of the instance (automated backup replication, AWS Backup)."
  value       = aws_db_instance.this.arn
}

output "endpoint" {
  description = "host:port of the instance."
  value       = aws_db_instance.this.endpoint
}

output "resource_id" {
  description = "Resource ID (the `dbi-...` part of IAM auth rds-db:connect ARNs)."
  value       = aws_db_instance.this.resource_id
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret holding the master password."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "security_group_id" {
  description = "Security group of the instance."
  value       = aws_security_group.this.id
}
