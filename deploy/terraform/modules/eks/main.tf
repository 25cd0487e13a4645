# EKS cluster of one environment: private API endpoint only, Kubernetes secrets encrypted with
# the `eks-secrets` KMS key, every control-plane log type to CloudWatch Logs (KMS), IRSA (the
# cluster's IAM OIDC provider), access entries for administrators, and three managed node groups:
#
# - system: general workloads (gateway, Vault, add-ons), never below system_min_size;
# - speech-gpu: NVIDIA GPU nodes for speech (ASR/TTS), tainted nvidia.com/gpu=true:NoSchedule so
#   only speech pods land there, from 0 nodes (scales to zero when no speech pod is pending);
# - speech-cpu: CPU fallback for speech when no GPU capacity can be had, tainted
#   voicehive.io/speech-cpu=true:NoSchedule, also from 0.
#
# Speech pods tolerate both taints, require `voicehive.io/pool` in (speech-gpu, speech-cpu) and
# prefer speech-gpu; the cluster autoscaler's priority expander tries speech-gpu first and falls
# back to speech-cpu when the GPU group cannot grow (docs/adr/0010-*.md).

data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

locals {
  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.region

  oidc_issuer_host = replace(aws_eks_cluster.this.identity[0].oidc[0].issuer, "https://", "")

  node_pools = tomap({
    system = {
      ami_type       = "AL2023_x86_64_STANDARD"
      instance_types = var.system_instance_types
      min_size       = var.system_min_size
      max_size       = var.system_max_size
      disk_gib       = 50
      labels         = { "voicehive.io/pool" = "system" }
      taints         = []
    }
    speech-gpu = {
      ami_type       = "AL2023_x86_64_NVIDIA"
      instance_types = var.gpu_instance_types
      min_size       = 0
      max_size       = var.gpu_max_size
      disk_gib       = 100
      labels         = { "voicehive.io/pool" = "speech-gpu", "voicehive.io/accelerator" = "nvidia" }
      taints         = [{ key = "nvidia.com/gpu", value = "true", effect = "NO_SCHEDULE" }]
    }
    speech-cpu = {
      ami_type       = "AL2023_x86_64_STANDARD"
      instance_types = var.speech_cpu_instance_types
      min_size       = 0
      max_size       = var.speech_cpu_max_size
      disk_gib       = 50
      labels         = { "voicehive.io/pool" = "speech-cpu" }
      taints         = [{ key = "voicehive.io/speech-cpu", value = "true", effect = "NO_SCHEDULE" }]
    }
  })

  # Node-template tags on the Auto Scaling groups of the pools that start at zero, so that the
  # cluster autoscaler knows their labels, taints and GPUs without a running node.
  taint_effects = { NO_SCHEDULE = "NoSchedule", NO_EXECUTE = "NoExecute", PREFER_NO_SCHEDULE = "PreferNoSchedule" }
  node_template_tags = merge([
    for pool, spec in local.node_pools : merge(
      { for k, v in spec.labels : "${pool}|k8s.io/cluster-autoscaler/node-template/label/${k}" => v },
      { for t in spec.taints : "${pool}|k8s.io/cluster-autoscaler/node-template/taint/${t.key}" => "${t.value}:${local.taint_effects[t.effect]}" },
      pool == "speech-gpu" ? { "${pool}|k8s.io/cluster-autoscaler/node-template/resources/nvidia.com/gpu" = "1" } : {},
    ) if spec.min_size == 0
  ]...)
}

# --- control plane -----------------------------------------------------------------------------

data "aws_iam_policy_document" "cluster_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole", "sts:TagSession"]

    principals {
      type        = "Service"
      identifiers = ["eks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "cluster" {
  name               = "${var.cluster_name}-eks-cluster"
  assume_role_policy = data.aws_iam_policy_document.cluster_assume.json
}

resource "aws_iam_role_policy_attachment" "cluster" {
  role       = aws_iam_role.cluster.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/AmazonEKSClusterPolicy"
}

# Created before the cluster so that EKS does not create it without KMS and retention.
resource "aws_cloudwatch_log_group" "cluster" {
  name              = "/aws/eks/${var.cluster_name}/cluster"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.logs_kms_key_arn
}

# Extra security group of the API endpoint: HTTPS from the operators' networks (VPN, CI runners
# in the VPC). Nodes reach the API through the cluster security group EKS manages.
resource "aws_security_group" "api_access" {
  name        = "${var.cluster_name}-eks-api-access"
  description = "Kubernetes API (private endpoint) from operator networks"
  vpc_id      = var.vpc_id

  tags = {
    Name = "${var.cluster_name}-eks-api-access"
  }
}

resource "aws_vpc_security_group_ingress_rule" "api_access" {
  for_each = toset(var.api_access_cidrs)

  security_group_id = aws_security_group.api_access.id
  description       = "Kubernetes API from ${each.value}"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value
}

resource "aws_eks_cluster" "this" {
  name     = var.cluster_name
  version  = var.kubernetes_version
  role_arn = aws_iam_role.cluster.arn

  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  vpc_config {
    subnet_ids              = var.private_subnet_ids
    security_group_ids      = [aws_security_group.api_access.id]
    endpoint_private_access = true
    endpoint_public_access  = false
  }

  encryption_config {
    resources = ["secrets"]

    provider {
      key_arn = var.secrets_kms_key_arn
    }
  }

  access_config {
    authentication_mode                         = "API"
    bootstrap_cluster_creator_admin_permissions = false
  }

  upgrade_policy {
    support_type = "STANDARD"
  }

  depends_on = [
    aws_iam_role_policy_attachment.cluster,
    aws_cloudwatch_log_group.cluster,
  ]
}

resource "aws_eks_access_entry" "admin" {
  for_each = toset(var.admin_role_arns)

  cluster_name  = aws_eks_cluster.this.name
  principal_arn = each.value
  type          = "STANDARD"
}

resource "aws_eks_access_policy_association" "admin" {
  for_each = toset(var.admin_role_arns)

  cluster_name  = aws_eks_cluster.this.name
  principal_arn = each.value
  policy_arn    = "arn:${local.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"

  access_scope {
    type = "cluster"
  }

  depends_on = [aws_eks_access_entry.admin]
}

# --- IRSA ----------------------------------------------------------------------------------------

resource "aws_iam_openid_connect_provider" "this" {
  url            = aws_eks_cluster.this.identity[0].oidc[0].issuer
  client_id_list = ["sts.amazonaws.com"]
}

module "vpc_cni_role" {
  source = "../irsa-role"

  name                = "${var.cluster_name}-vpc-cni"
  oidc_provider_arn   = aws_iam_openid_connect_provider.this.arn
  oidc_issuer_host    = local.oidc_issuer_host
  namespace           = "kube-system"
  service_account     = "aws-node"
  managed_policy_arns = ["arn:${local.partition}:iam::aws:policy/AmazonEKS_CNI_Policy"]
}

data "aws_iam_policy_document" "ebs_csi_kms" {
  statement {
    sid       = "UseNodeVolumeKey"
    effect    = "Allow"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
    resources = [var.ebs_kms_key_arn]
  }

  statement {
    sid       = "GrantsForVolumes"
    effect    = "Allow"
    actions   = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"]
    resources = [var.ebs_kms_key_arn]

    condition {
      test     = "Bool"
      variable = "kms:GrantIsForAWSResource"
      values   = ["true"]
    }
  }
}

module "ebs_csi_role" {
  source = "../irsa-role"

  name                = "${var.cluster_name}-ebs-csi"
  oidc_provider_arn   = aws_iam_openid_connect_provider.this.arn
  oidc_issuer_host    = local.oidc_issuer_host
  namespace           = "kube-system"
  service_account     = "ebs-csi-controller-sa"
  managed_policy_arns = ["arn:${local.partition}:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"]
  inline_policy_json  = data.aws_iam_policy_document.ebs_csi_kms.json
}

data "aws_iam_policy_document" "cluster_autoscaler" {
  statement {
    sid    = "ScaleOwnNodeGroups"
    effect = "Allow"
    actions = [
      "autoscaling:SetDesiredCapacity",
      "autoscaling:TerminateInstanceInAutoScalingGroup",
    ]
    resources = ["arn:${local.partition}:autoscaling:${local.region}:${local.account_id}:autoScalingGroup:*:autoScalingGroupName/eks-*"]

    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/k8s.io/cluster-autoscaler/${var.cluster_name}"
      values   = ["owned"]
    }
  }

  statement {
    sid       = "DescribeOwnNodeGroups"
    effect    = "Allow"
    actions   = ["eks:DescribeNodegroup"]
    resources = ["arn:${local.partition}:eks:${local.region}:${local.account_id}:nodegroup/${var.cluster_name}/*/*"]
  }

  # Describe calls cannot be limited to resources.
  statement {
    sid    = "DescribeScalingState"
    effect = "Allow"
    actions = [
      "autoscaling:DescribeAutoScalingGroups",
      "autoscaling:DescribeAutoScalingInstances",
      "autoscaling:DescribeLaunchConfigurations",
      "autoscaling:DescribeScalingActivities",
      "autoscaling:DescribeTags",
      "ec2:DescribeImages",
      "ec2:DescribeInstanceTypes",
      "ec2:DescribeLaunchTemplateVersions",
      "ec2:GetInstanceTypesFromInstanceRequirements",
    ]
    resources = ["*"]
  }
}

module "cluster_autoscaler_role" {
  source = "../irsa-role"

  name               = "${var.cluster_name}-cluster-autoscaler"
  oidc_provider_arn  = aws_iam_openid_connect_provider.this.arn
  oidc_issuer_host   = local.oidc_issuer_host
  namespace          = "kube-system"
  service_account    = "cluster-autoscaler"
  inline_policy_json = data.aws_iam_policy_document.cluster_autoscaler.json
}

# --- nodes -------------------------------------------------------------------------------------

data "aws_iam_policy_document" "node_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "node" {
  name               = "${var.cluster_name}-eks-node"
  assume_role_policy = data.aws_iam_policy_document.node_assume.json
}

resource "aws_iam_role_policy_attachment" "node" {
  for_each = toset([
    "AmazonEKSWorkerNodePolicy",
    "AmazonEC2ContainerRegistryPullOnly",
    "AmazonSSMManagedInstanceCore",
  ])

  role       = aws_iam_role.node.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/${each.value}"
}

resource "aws_launch_template" "node" {
  for_each = local.node_pools

  name_prefix            = "${var.cluster_name}-${each.key}-"
  description            = "EKS ${each.key} nodes: IMDSv2 only, encrypted root volume"
  update_default_version = true

  # IMDSv2 only, and one hop: pods cannot reach the node's credentials (they use IRSA).
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "disabled"
  }

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size           = each.value.disk_gib
      volume_type           = "gp3"
      encrypted             = true
      kms_key_id            = var.ebs_kms_key_arn
      delete_on_termination = true
    }
  }

  monitoring {
    enabled = true
  }

  tag_specifications {
    resource_type = "instance"

    tags = {
      Name = "${var.cluster_name}-${each.key}"
    }
  }
}

resource "aws_eks_node_group" "this" {
  for_each = local.node_pools

  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "${var.cluster_name}-${each.key}"
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = var.private_subnet_ids
  ami_type        = each.value.ami_type
  capacity_type   = "ON_DEMAND"
  instance_types  = each.value.instance_types
  labels          = each.value.labels

  scaling_config {
    min_size     = each.value.min_size
    max_size     = each.value.max_size
    desired_size = each.value.min_size
  }

  update_config {
    max_unavailable = 1
  }

  launch_template {
    id      = aws_launch_template.node[each.key].id
    version = aws_launch_template.node[each.key].latest_version
  }

  dynamic "taint" {
    for_each = each.value.taints

    content {
      key    = taint.value.key
      value  = taint.value.value
      effect = taint.value.effect
    }
  }

  lifecycle {
    # The cluster autoscaler owns the desired size.
    ignore_changes = [scaling_config[0].desired_size]
  }

  depends_on = [
    aws_iam_role_policy_attachment.node,
    aws_eks_addon.before_nodes,
  ]
}

resource "aws_autoscaling_group_tag" "node_template" {
  for_each = local.node_template_tags

  autoscaling_group_name = aws_eks_node_group.this[split("|", each.key)[0]].resources[0].autoscaling_groups[0].name

  tag {
    key                 = split("|", each.key)[1]
    value               = each.value
    propagate_at_launch = false
  }
}

# --- add-ons -------------------------------------------------------------------------------------

resource "aws_eks_addon" "before_nodes" {
  for_each = {
    "vpc-cni"    = module.vpc_cni_role.role_arn
    "kube-proxy" = null
  }

  cluster_name                = aws_eks_cluster.this.name
  addon_name                  = each.key
  service_account_role_arn    = each.value
  resolve_conflicts_on_create = "OVERWRITE"
  resolve_conflicts_on_update = "OVERWRITE"
}

resource "aws_eks_addon" "after_nodes" {
  for_each = {
    "coredns"            = null
    "aws-ebs-csi-driver" = module.ebs_csi_role.role_arn
  }

  cluster_name                = aws_eks_cluster.this.name
  addon_name                  = each.key
  service_account_role_arn    = each.value
  resolve_conflicts_on_create = "OVERWRITE"
  resolve_conflicts_on_update = "OVERWRITE"

  depends_on = [aws_eks_node_group.this]
}
