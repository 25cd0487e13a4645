# State of this stack: the staging account's bucket and lock table, made by bootstrap/staging.
# The names come from modules/conventions (state_bucket_name, state_lock_table_name); backend
# blocks cannot use expressions, so they are spelled out here.
# Encryption: no `encrypt`/`kms_key_id` on purpose. The bucket's default encryption (SSE-KMS with
# the account's `state` key) applies; `encrypt = true` alone would ask for SSE-S3, which the
# bucket policy denies.
# Locking: the DynamoDB table (point-in-time recovery, KMS) and S3's own lock file together; the
# DynamoDB lock is deprecated since Terraform 1.11, dropping it later is removing one line.
terraform {
  backend "s3" {
    bucket         = "voicehive-staging-euw1-tfstate"
    key            = "envs/staging/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "voicehive-staging-tfstate-lock"
    use_lockfile   = true
  }
}
