# Provider-free on purpose: this module holds the pure logic of the platform (allowed regions,
# names, tags, the VPC's CIDR layout, the region-deny service control policy), so that
# `terraform validate` and `terraform test` run on it without the AWS provider.
terraform {
  required_version = ">= 1.10.0, < 2.0.0"
}
