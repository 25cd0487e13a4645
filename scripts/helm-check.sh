#!/usr/bin/env bash
# Checks the Helm chart deploy/helm/voicehive offline (issue 11), with no helm binary:
#
#   renderer     deploy/helm/render.py's unit tests (the Go-template subset it implements)
#   drift        the chart rendered per environment equals deploy/helm/rendered/ENV.yaml
#   yamllint     chart values, rendered manifests, fixtures' config (deploy/helm/.yamllint.yml)
#   schema       values.yaml and each environment's merged values against values.schema.json
#   k8s-validate kubernetes-validate --strict on the rendered core resources (Kubernetes 1.31)
#   checkov      checkov --framework kubernetes on the rendered manifests (no check skipped)
#   crd-schema   the ServiceMonitor and PrometheusRule against deploy/helm/tests/schemas/
#   promtool     `promtool check rules` on each environment's rule groups and
#                `promtool test rules` (deploy/helm/tests/rules-test.yaml) on production's
#   helm-lint    `helm lint --strict` by Helm v4's own engine (helm-sdkpy), per environment;
#                skipped without CPython 3.12 (HELM_LINT_PYTHON, or pyenv's 3.12.x)
#   gateway      the rendered voicehive.toml parsed by the gateway (`voicehive retention policy
#                --config`) and `voicehive eu-check` on deploy/helm; skipped without a built
#                voicehive (VOICEHIVE_BIN, or target/{release,debug}/voicehive)
#
# Each checker is also run on a known-bad input (deploy/helm/tests/bad/, or an edited copy made
# here) and must reject it: a checker that accepts everything fails the run. One summary line
# per checker, then `helm-check: N passed, N failed, N skipped`; exit 1 on any failure.
#
#   bash scripts/helm-check.sh            check
#   bash scripts/helm-check.sh --update   re-render deploy/helm/rendered/ first, then check
#
# Installs its Python tools pinned by hash (scripts/helm-requirements.txt) into
# target/tools/helm/venv, and Debian's `prometheus` (for promtool) with apt-get when promtool is
# missing. Environment: HELM_CHECK_K8S_VERSION (default 1.31.0), HELM_LINT_PYTHON, VOICEHIVE_BIN.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
helm_dir="$root/deploy/helm"
chart="$helm_dir/voicehive"
rendered="$helm_dir/rendered"
bad="$helm_dir/tests/bad"
tools="$root/target/tools/helm"
venv="$tools/venv"
py="$venv/bin/python"
k8s_version="${HELM_CHECK_K8S_VERSION:-1.31.0}"
envs=(dev staging prod)
started=$SECONDS

update=""
case "${1:-}" in
    "") ;;
    --update) update=1 ;;
    *)
        echo "usage: $0 [--update]" >&2
        exit 2
        ;;
esac

log() { printf 'helm-check.sh: %s\n' "$*" >&2; }
# shellcheck source=scripts/pinned-venv.sh
source "$root/scripts/pinned-venv.sh"

# --- Tools -------------------------------------------------------------------------------------
pinned_venv "$root/scripts/helm-requirements.txt" "$tools" checkov --version
export PATH="$venv/bin:$PATH"

if ! command -v promtool >/dev/null 2>&1; then
    if [[ "$(id -u)" != 0 ]]; then
        log "promtool is needed: apt-get install prometheus (as root)"
        exit 1
    fi
    log "installing Debian's prometheus package for promtool"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends prometheus >/dev/null 2>&1 || {
        apt-get update -qq >/dev/null
        apt-get install -y -qq --no-install-recommends prometheus >/dev/null
    }
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
skipped=0
summary=()
# result NAME ok|FAILED|SKIPPED DETAIL
result() {
    summary+=("$(printf 'helm-check: %-12s %-7s %s' "$1" "$2" "$3")")
    case "$2" in
        ok) passed=$((passed + 1)) ;;
        SKIPPED) skipped=$((skipped + 1)) ;;
        *) failed=$((failed + 1)) ;;
    esac
}
# runs "$@" quietly, its output in $work/logs/NAME.log; shows the log when it fails.
quiet() {
    local name="$1"
    shift
    mkdir -p "$work/logs"
    if "$@" >"$work/logs/$name.log" 2>&1; then
        return 0
    fi
    log "$name failed: $*"
    sed 's/^/    /' "$work/logs/$name.log" >&2
    return 1
}
# must_reject NAME PATTERN CMD...: CMD must fail on a known-bad input, and its output must
# contain PATTERN (an extended regular expression; "" for any).
must_reject() {
    local name="$1" pattern="$2"
    shift 2
    mkdir -p "$work/logs"
    if "$@" >"$work/logs/bad-$name.log" 2>&1; then
        log "$name: the known-bad input was accepted: $*"
        return 1
    fi
    if [[ -n "$pattern" ]] && ! grep -Eq -- "$pattern" "$work/logs/bad-$name.log"; then
        log "$name: rejected, but without /$pattern/ in its output:"
        sed 's/^/    /' "$work/logs/bad-$name.log" >&2
        return 1
    fi
}

# --- renderer: unit tests ----------------------------------------------------------------------
if quiet renderer "$py" -m unittest discover -s "$helm_dir/tests" -p 'test_*.py'; then
    result renderer ok "$(grep -Eo 'Ran [0-9]+ tests' "$work/logs/renderer.log") of render.py (errors included)"
else
    result renderer FAILED "render.py's unit tests (deploy/helm/tests/test_render.py)"
fi

# --- drift: chart vs rendered/ -----------------------------------------------------------------
fresh="$work/rendered"
if [[ -n "$update" ]]; then
    "$py" "$helm_dir/render.py" "$chart" --all --out "$rendered"
    log "re-rendered deploy/helm/rendered/"
fi
drift_ok=1
quiet render "$py" "$helm_dir/render.py" "$chart" --all --out "$fresh" --values-out "$work/values" || drift_ok=""
if [[ -n "$drift_ok" ]] && ! diff -ru "$rendered" "$fresh" >"$work/logs/drift.diff" 2>&1; then
    log "the chart and deploy/helm/rendered/ differ (re-render: bash scripts/helm-check.sh --update):"
    sed 's/^/    /' "$work/logs/drift.diff" >&2
    drift_ok=""
fi
# Known-bad 1: a chart whose template changed but whose rendered manifests did not.
cp -r "$chart" "$work/chart-edited"
sed -i 's/revisionHistoryLimit: 5/revisionHistoryLimit: 10/' "$work/chart-edited/templates/deployment.yaml"
"$py" "$helm_dir/render.py" "$work/chart-edited" --all --out "$work/rendered-edited-chart" >/dev/null
must_reject drift-chart "revisionHistoryLimit" diff -ru "$rendered" "$work/rendered-edited-chart" || drift_ok=""
# Known-bad 2: a rendered manifest edited by hand.
cp -r "$rendered" "$work/rendered-edited"
sed -i 's/minAvailable: 2/minAvailable: 1/' "$work/rendered-edited/prod.yaml"
must_reject drift-manifest "minAvailable" diff -ru "$work/rendered-edited" "$fresh" || drift_ok=""
if [[ -n "$drift_ok" ]]; then
    result drift ok "rendered/{dev,staging,prod}.yaml match the chart; an edited chart and an edited manifest are caught"
else
    result drift FAILED "see above"
fi

# --- yamllint ----------------------------------------------------------------------------------
yl_ok=1
(cd "$helm_dir" && quiet yamllint yamllint --strict -c .yamllint.yml .) || yl_ok=""
# shellcheck disable=SC2016 # $1 and $2 are the inner shell's arguments
must_reject yamllint "key-duplicates" sh -c 'yamllint -c "$1" - <"$2"' sh \
    "$helm_dir/.yamllint.yml" "$bad/duplicate-key.yaml" || yl_ok=""
if [[ -n "$yl_ok" ]]; then
    result yamllint ok "deploy/helm (templates excluded); rejects tests/bad/duplicate-key.yaml"
else
    result yamllint FAILED "see above"
fi

# --- schema: values files against values.schema.json -------------------------------------------
schema_ok=1
schema="$chart/values.schema.json"
quiet schema check-jsonschema --schemafile "$schema" "$chart/values.yaml" "$work"/values/*.json || schema_ok=""
"$py" "$helm_dir/render.py" merge "$chart" -f "$bad/values-schema.yaml" -o "$work/bad-values.json"
must_reject schema "digest|replicaCount" check-jsonschema --schemafile "$schema" "$work/bad-values.json" || schema_ok=""
# A region outside the EU (kept out of the fixtures so that `voicehive eu-check deploy/` passes).
sed 's/eu-west-1/us-east-1/g' "$chart/values-prod.yaml" >"$work/values-us.yaml"
"$py" "$helm_dir/render.py" merge "$chart" -f "$work/values-us.yaml" -o "$work/bad-region.json"
must_reject schema-region "host" check-jsonschema --schemafile "$schema" "$work/bad-region.json" || schema_ok=""
if [[ -n "$schema_ok" ]]; then
    result schema ok "values.yaml + ${envs[*]} merged; rejects tests/bad/values-schema.yaml and a us-east-1 database"
else
    result schema FAILED "see above"
fi

# --- kubernetes-validate --strict on the core resources ----------------------------------------
kv_ok=1
for env in "${envs[@]}"; do
    "$py" "$helm_dir/render.py" split "$rendered/$env.yaml" --core "$work/core-$env.yaml" \
        --crd-dir "$work/crd-$env" --rules "$work/rules-$env.yaml" >/dev/null
    quiet "k8s-validate-$env" kubernetes-validate --strict -k "$k8s_version" "$work/core-$env.yaml" || kv_ok=""
done
must_reject k8s-validate "imagePullPolcy" kubernetes-validate --strict -k "$k8s_version" "$bad/unknown-field.yaml" || kv_ok=""
# The root container is valid Kubernetes: only checkov catches it (below).
quiet k8s-validate-root kubernetes-validate --strict -k "$k8s_version" "$bad/root-container.yaml" || kv_ok=""
if [[ -n "$kv_ok" ]]; then
    result k8s-validate ok "$(cat "$work"/core-*.yaml | grep -c '^kind:') core resources valid for Kubernetes $k8s_version; rejects tests/bad/unknown-field.yaml"
else
    result k8s-validate FAILED "see above"
fi

# --- checkov -----------------------------------------------------------------------------------
ck_ok=1
ck_args=(--framework kubernetes --skip-download --compact)
if ! quiet checkov checkov -d "$rendered" "${ck_args[@]}"; then
    ck_ok=""
fi
ck_counts="$(grep -Eo 'Passed checks: [0-9]+, Failed checks: [0-9]+, Skipped checks: [0-9]+' "$work/logs/checkov.log" || true)"
must_reject checkov "CKV_K8S_23" checkov -f "$bad/root-container.yaml" "${ck_args[@]}" || ck_ok=""
grep -q "CKV_K8S_40" "$work/logs/bad-checkov.log" || {
    log "checkov: CKV_K8S_40 missing from the root container's report"
    ck_ok=""
}
if [[ -n "$ck_ok" ]]; then
    result checkov ok "${ck_counts:-?} on rendered/; the root container fails CKV_K8S_23 and CKV_K8S_40"
else
    result checkov FAILED "${ck_counts:-see above}"
fi

# --- CRD kinds against the subset schemas -------------------------------------------------------
crd_ok=1
schemas="$helm_dir/tests/schemas"
for env in "${envs[@]}"; do
    quiet "crd-sm-$env" check-jsonschema --schemafile "$schemas/servicemonitor.schema.json" "$work/crd-$env"/ServiceMonitor-*.yaml || crd_ok=""
    quiet "crd-pr-$env" check-jsonschema --schemafile "$schemas/prometheusrule.schema.json" "$work/crd-$env"/PrometheusRule-*.yaml || crd_ok=""
done
must_reject crd-schema "intervall" check-jsonschema --schemafile "$schemas/servicemonitor.schema.json" \
    "$bad/servicemonitor-unknown-field.yaml" || crd_ok=""
if [[ -n "$crd_ok" ]]; then
    result crd-schema ok "ServiceMonitor + PrometheusRule of ${envs[*]}; rejects tests/bad/servicemonitor-unknown-field.yaml"
else
    result crd-schema FAILED "see above"
fi

# --- promtool ----------------------------------------------------------------------------------
pt_ok=1
for env in "${envs[@]}"; do
    quiet "promtool-$env" promtool check rules "$work/rules-$env.yaml" || pt_ok=""
done
mkdir -p "$work/ruletest"
cp "$work/rules-prod.yaml" "$work/ruletest/rules.yaml"
cp "$helm_dir/tests/rules-test.yaml" "$work/ruletest/rules-test.yaml"
cp "$bad/rules-test-wrong.yaml" "$work/ruletest/rules-test-wrong.yaml"
(cd "$work/ruletest" && quiet promtool-test promtool test rules rules-test.yaml) || pt_ok=""
must_reject promtool "unclosed left parenthesis" promtool check rules "$bad/broken-promql.yaml" || pt_ok=""
(cd "$work/ruletest" && must_reject promtool-test "FAILED" promtool test rules rules-test-wrong.yaml) || pt_ok=""
if [[ -n "$pt_ok" ]]; then
    rules="$(grep -Eo 'SUCCESS: [0-9]+ rules' "$work/logs/promtool-prod.log" | grep -Eo '[0-9]+')"
    result promtool ok "$rules rules per environment parse; unit tests pass; rejects tests/bad/broken-promql.yaml and rules-test-wrong.yaml"
else
    result promtool FAILED "see above"
fi

# --- helm lint (Helm v4's engine through helm-sdkpy; needs CPython 3.12) ------------------------
py312="${HELM_LINT_PYTHON:-}"
if [[ -z "$py312" ]]; then
    if command -v pyenv >/dev/null 2>&1; then
        for candidate in "$(pyenv root)"/versions/3.12*/bin/python3.12; do
            [[ -x "$candidate" ]] && py312="$candidate"
        done
    fi
    if [[ -z "$py312" ]] && command -v python3.12 >/dev/null 2>&1 && python3.12 --version >/dev/null 2>&1; then
        py312="$(command -v python3.12)"
    fi
fi
if [[ -z "$py312" ]]; then
    result helm-lint SKIPPED "no CPython 3.12 (set HELM_LINT_PYTHON)"
else
    # pinned_venv makes the venv with `python3`: a link to 3.12 that outlives this run.
    mkdir -p "$tools/py312"
    ln -sfn "$py312" "$tools/py312/python3"
    lint_ok=1
    PATH="$tools/py312:$PATH" pinned_venv "$helm_dir/lint-requirements.txt" "$tools/lint" python -c 'import helm_sdkpy' || lint_ok=""
    if [[ -n "$lint_ok" ]]; then
        quiet helm-lint "$tools/lint/venv/bin/python" "$helm_dir/helm_lint.py" "$chart" "$work"/values/*.json || lint_ok=""
        must_reject helm-lint "FAILED" "$tools/lint/venv/bin/python" "$helm_dir/helm_lint.py" "$chart" "$work/bad-values.json" || lint_ok=""
    fi
    if [[ -n "$lint_ok" ]]; then
        result helm-lint ok "helm lint --strict (Helm v4, helm-sdkpy) of ${envs[*]}; rejects tests/bad/values-schema.yaml"
    else
        result helm-lint FAILED "see above"
    fi
fi

# --- gateway: the rendered configuration as the gateway reads it; eu-check ----------------------
bin="${VOICEHIVE_BIN:-}"
if [[ -z "$bin" ]]; then
    for candidate in "${CARGO_TARGET_DIR:-$root/target}"/{release,debug}/voicehive; do
        if [[ -x "$candidate" ]]; then
            bin="$candidate"
            break
        fi
    done
fi
if [[ -z "$bin" ]]; then
    result gateway SKIPPED "no voicehive binary (cargo build -p voicehive, or set VOICEHIVE_BIN)"
else
    gw_ok=1
    mkdir -p "$work/gateway"
    for env in "${envs[@]}"; do
        "$py" -c 'import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d and d["kind"] == "ConfigMap"]
open(sys.argv[2], "w").write(docs[0]["data"]["voicehive.toml"])' "$rendered/$env.yaml" "$work/gateway/$env.toml"
        (cd "$work/gateway" && quiet "gateway-$env" "$bin" retention policy --config "$env.toml") || gw_ok=""
    done
    (cd "$work/gateway" && must_reject gateway "bodylimit" "$bin" retention policy --config "$bad/gateway-config.toml") || gw_ok=""
    quiet eu-check "$bin" eu-check "$helm_dir" --region eu-central-1 --region eu-west-1 || gw_ok=""
    mkdir -p "$work/eu"
    sed 's/eu-west-1\.rds/us-east-1.rds/' "$rendered/prod.yaml" >"$work/eu/prod.yaml"
    must_reject eu-check "us-east-1" "$bin" eu-check "$work/eu" --region eu-central-1 --region eu-west-1 || gw_ok=""
    if [[ -n "$gw_ok" ]]; then
        result gateway ok "voicehive.toml of ${envs[*]} parsed by $(basename "$bin"); eu-check clean; rejects tests/bad/gateway-config.toml and a us-east-1 host"
    else
        result gateway FAILED "see above"
    fi
fi

printf '%s\n' "${summary[@]}"
echo "helm-check: $passed passed, $failed failed, $skipped skipped ($((SECONDS - started)) s)"
((failed == 0))
