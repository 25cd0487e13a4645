# A stand-in for the production BUILD_IMAGE (rust:1.95-bookworm) for scripts/container-check.sh
# with SOURCE_BUILD=1, where no registry can be pulled from: an empty image whose environment
# expects the host's Debian 12 userland (/usr, /bin, /lib, /lib64, /etc/alternatives), its Rust
# toolchain (at /toolchain) and its cargo registry (at /cargo/registry) to be mounted into the
# build with `podman build -v`. The build is offline: the registry must already hold every crate.
FROM scratch
ENV PATH=/toolchain/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    CARGO_HOME=/cargo \
    CARGO_NET_OFFLINE=true
