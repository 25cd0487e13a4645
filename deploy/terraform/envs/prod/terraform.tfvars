# prod: eu-west-1, three zones, a NAT gateway per zone, multi-AZ data stores, 35 days of
# backups, copies in eu-central-1. Secrets (redis_auth_token) and account_id come from the
# environment (TF_VAR_...), not from this file.
region             = "eu-west-1"
vpc_cidr           = "10.30.0.0/16"
az_count           = 3
single_nat_gateway = false

system_min_size     = 3
system_max_size     = 9
gpu_max_size        = 6
speech_cpu_max_size = 6

rds_instance_class        = "db.m7g.large"
rds_multi_az              = true
rds_backup_retention_days = 35

redis_node_type          = "cache.m7g.large"
redis_multi_az           = true
redis_num_cache_clusters = 2

backups_enabled = true
