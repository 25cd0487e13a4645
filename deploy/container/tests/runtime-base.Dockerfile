# A stand-in for the production runtime base (gcr.io/distroless/cc-debian12), made offline by
# scripts/container-check.sh since no registry can be pulled from there: FROM scratch plus the
# shared libraries `ldd` lists for the host-built binary (glibc, libgcc_s, the loader) and an
# /etc/passwd and /etc/group that name the gateway's user 10001. Like most base images it sets
# no USER, so only the gateway's Dockerfile can make the image non-root.
FROM scratch
COPY rootfs/ /
