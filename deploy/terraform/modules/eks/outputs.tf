output "cluster_name" {
  description = "Name of the cluster."
  value       = aws_eks_cluster.this.name
}

output "cluster_arn" {
  description = "ARN of the cluster."
  value       = aws_eks_cluster.this.arn
}

output "cluster_endpoint" {
  description = "Private endpoint of the Kubernetes API."
  value       = aws_eks_cluster.this.endpoint
}

output "cluster_certificate_authority" {
  description = "Base64 CA certificate of the API."
  value       = aws_eks_cluster.this.certificate_authority[0].data
}

output "cluster_security_group_id" {
  description = "The security group EKS manages for the control plane and the managed nodes."
  value       = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
}

output "oidc_provider_arn" {
  description = "ARN of the IAM OIDC provider (IRSA)."
  value       = aws_iam_openid_connect_provider.this.arn
}

output "oidc_issuer_host" {
  description = "OIDC issuer without https:// (IRSA trust conditions)."
  value       = local.oidc_issuer_host
}

output "node_group_names" {
  description = "Managed node group by pool (system, speech-gpu, speech-cpu)."
  value       = { for pool, group in aws_eks_node_group.this : pool => group.node_group_name }
}

output "service_account_role_arns" {
  description = "IRSA roles created here, by Kubernetes service account."
  value = {
    "kube-system/aws-node"              = module.vpc_cni_role.role_arn
    "kube-system/ebs-csi-controller-sa" = module.ebs_csi_role.role_arn
    "kube-system/cluster-autoscaler"    = module.cluster_autoscaler_role.role_arn
  }
}
