locals {
  # The only regions any VoiceHive resource may live in (guest data stays in the EU).
  allowed_regions = ["eu-central-1", "eu-west-1"]

  # Short region codes used in names that must be unique per region (S3 buckets).
  region_codes = {
    "eu-west-1"    = "euw1"
    "eu-central-1" = "euc1"
  }
  region_code = local.region_codes[var.region]

  # Disaster recovery copies go to the other allowed region.
  dr_region = one([for r in local.allowed_regions : r if r != var.region])

  name_prefix     = "${var.project}-${var.environment}"
  regional_prefix = "${local.name_prefix}-${local.region_code}"

  # The default tags win over extra_tags.
  tags = merge(var.extra_tags, {
    Project       = var.project
    Environment   = var.environment
    ManagedBy     = "terraform"
    DataResidency = "eu"
  })

  # One customer-managed KMS key per purpose (modules/kms); `state` lives in the bootstrap stack
  # of each account, the others in the environment stack.
  kms_purposes = ["backups", "ebs", "eks-secrets", "elasticache", "logs", "rds", "state", "vault-unseal"]

  # Zones by name. Both allowed regions have zones a, b and c in every account (the names map to
  # different physical zones per account, which does not matter within one account). Spelled out
  # rather than read from the API, so that the set never grows when AWS adds a zone.
  availability_zones = tolist([for suffix in slice(["a", "b", "c"], 0, var.az_count) : "${var.region}${suffix}"])

  # VPC layout, fixed for three zones whatever az_count is (adding a zone renumbers nothing):
  # three private subnets of 1/8 of the VPC each for the nodes and pods (the VPC CNI gives every
  # pod a VPC address), then three public and three data subnets of 1/64 each. For a /16:
  # private /19 (8190 addresses), public and data /22 (1022 addresses); 120/256 of the VPC used.
  cidr_blocks = cidrsubnets(var.vpc_cidr, 3, 3, 3, 6, 6, 6, 6, 6, 6)
  subnets = {
    private = slice(local.cidr_blocks, 0, var.az_count)
    public  = slice(local.cidr_blocks, 3, 3 + var.az_count)
    data    = slice(local.cidr_blocks, 6, 6 + var.az_count)
  }

  # Actions the region-deny SCP does not restrict: global services, whose requests AWS records
  # with the region of the global endpoint (outside the EU) or with none, so a region condition
  # would block them although no data is stored there. Keep the list short and give each entry
  # its reason. Deliberately NOT exempt (the example policy in AWS's documentation exempts them):
  # cloudfront, waf, wafv2, shield, globalaccelerator, acm and kms. VoiceHive uses no CloudFront,
  # and CloudFront's certificates and keys would have to live outside the EU. IAM Identity
  # Center must be enabled in eu-west-1 so that it needs no exemption either.
  scp_global_actions = sort([
    "account:*",                      # Account Management (contacts, region opt-in): global service
    "aws-portal:*",                   # Billing console (legacy actions): global
    "billing:*",                      # Billing: global
    "budgets:*",                      # AWS Budgets: global
    "ce:*",                           # Cost Explorer: global
    "cur:*",                          # Cost and Usage Reports: global
    "ec2:DescribeRegions",            # read-only list of regions, used by SDKs and tools
    "health:*",                       # AWS Health: global endpoint
    "iam:*",                          # IAM: global service
    "organizations:*",                # AWS Organizations: global service
    "route53:*",                      # Route 53 DNS: global service (records for EU load balancers)
    "route53domains:*",               # domain registration: global
    "s3:GetAccountPublicAccessBlock", # account-level S3 public access block: global endpoint
    "s3:ListAllMyBuckets",            # bucket listing: global endpoint
    "s3:PutAccountPublicAccessBlock", # account-level S3 public access block: global endpoint
    "sts:*",                          # the global STS endpoint (workloads use the EU regional one)
    "support:*",                      # AWS Support cases: global
    "trustedadvisor:*",               # Trusted Advisor: global
  ])

  scp_conditions_all = {
    StringNotEquals = { "aws:RequestedRegion" = local.allowed_regions }
    ArnNotLike      = { "aws:PrincipalARN" = var.scp_exempt_principal_arns }
  }
  scp_conditions = {
    for operator, condition in local.scp_conditions_all : operator => condition
    if operator != "ArnNotLike" || length(var.scp_exempt_principal_arns) > 0
  }

  # Service control policy for the organisation's root: denies every action in a region outside
  # the allowed set, except the global actions above.
  region_deny_scp = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyAllOutsideAllowedEuRegions"
      Effect    = "Deny"
      NotAction = local.scp_global_actions
      Resource  = "*"
      Condition = local.scp_conditions
    }]
  })
}
