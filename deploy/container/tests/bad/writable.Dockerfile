# Known-bad: the gateway's binary owned by the user it runs as (so the process could rewrite
# its own program where the root file system is writable). scripts/container-check.sh expects
# the ownership check to reject it.
ARG IMAGE
FROM ${IMAGE} AS good
FROM ${IMAGE}
COPY --from=good --chown=10001:10001 /usr/local/bin/voicehive /usr/local/bin/voicehive
