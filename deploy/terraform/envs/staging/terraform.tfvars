# staging: prod's shape (three zones), smaller. Secrets (redis_auth_token) and account_id come
# from the environment (TF_VAR_...), not from this file.
region             = "eu-west-1"
vpc_cidr           = "10.20.0.0/16"
az_count           = 3
single_nat_gateway = true

system_min_size     = 2
system_max_size     = 4
gpu_max_size        = 2
speech_cpu_max_size = 2

rds_instance_class        = "db.t4g.large"
rds_multi_az              = false
rds_backup_retention_days = 14

redis_node_type = "cache.t4g.small"
redis_multi_az  = false

backups_enabled = true
