# dev: small and cheap. Secrets (redis_auth_token) and account_id come from the environment
# (TF_VAR_...), not from this file.
region             = "eu-west-1"
vpc_cidr           = "10.10.0.0/16"
az_count           = 2
single_nat_gateway = true

system_min_size     = 1
system_max_size     = 3
gpu_max_size        = 1
speech_cpu_max_size = 2

rds_instance_class        = "db.t4g.medium"
rds_multi_az              = false
rds_backup_retention_days = 7

redis_node_type = "cache.t4g.micro"
redis_multi_az  = false

backups_enabled = false
