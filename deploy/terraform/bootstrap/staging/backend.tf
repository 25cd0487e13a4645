# State of this stack: the staging account's bucket and lock table, which this stack makes.
# The names come from modules/conventions (state_bucket_name, state_lock_table_name); backend
# blocks cannot use expressions, so they are spelled out here.
# Encryption: no `encrypt`/`kms_key_id` on purpose. The bucket's default encryption (SSE-KMS with
# the account's `state` key) applies; `encrypt = true` alone would ask for SSE-S3, which the
# bucket policy denies.
# Locking: the DynamoDB table (point-in-time recovery, KMS) and S3's own lock file together; the
# DynamoDB lock is deprecated since Terraform 1.11, dropping it later is removing one line.
# First run (the bucket does not exist yet): move this file aside, apply with local state,
# put it back and migrate the state into the bucket it just made (deploy/terraform/README.md):
#   mv backend.tf backend.tf.off && terraform init && terraform apply -var account_id=ID
#   mv backend.tf.off backend.tf && terraform init -migrate-state
terraform {
  backend "s3" {
    bucket         = "voicehive-staging-euw1-tfstate"
    key            = "bootstrap/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "voicehive-staging-tfstate-lock"
    use_lockfile   = true
  }
}
