accounts = {
  dev     = { email = "aws-dev@voicehive.example" }
  staging = { email = "aws-staging@voicehive.example" }
  prod    = { email = "aws-prod@voicehive.example" }
}
