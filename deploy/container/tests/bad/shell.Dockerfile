# Known-bad: the gateway image with a shell (the check copies the host's dash into the build
# context as `sh`). scripts/container-check.sh expects the no-shell check and the file
# allow-list to reject it.
ARG IMAGE
FROM ${IMAGE}
COPY sh /bin/sh
