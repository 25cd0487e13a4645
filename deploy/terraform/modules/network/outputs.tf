output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr" {
  description = "The VPC's IPv4 range."
  value       = aws_vpc.this.cidr_block
}

output "azs" {
  description = "Availability zones, in subnet order."
  value       = local.azs
}

output "public_subnet_ids" {
  description = "Public subnets (load balancers only)."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "Private subnets (EKS nodes and pods)."
  value       = aws_subnet.private[*].id
}

output "data_subnet_ids" {
  description = "Data subnets (RDS, ElastiCache), with no route to the internet."
  value       = aws_subnet.data[*].id
}

output "private_subnet_cidrs" {
  description = "CIDRs of the private subnets."
  value       = aws_subnet.private[*].cidr_block
}

output "data_route_table_id" {
  description = "Route table of the data subnets (no internet route)."
  value       = aws_route_table.data.id
}
