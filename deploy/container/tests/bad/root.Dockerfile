# Known-bad: the gateway image, switched back to root. scripts/container-check.sh builds it on
# top of the good image and expects the non-root check to reject it.
ARG IMAGE
FROM ${IMAGE}
USER root
