#!/usr/bin/env bash
# Provides a real Pulumi engine for this project (CLI, Node.js language host, Kubernetes provider) and a local
# Kubernetes API server (kube-apiserver, kube-controller-manager, etcd, kubectl), built from Go modules and cached outside the repository.
#
#   scripts/pulumi-toolchain.sh              build what is missing, then say where everything is
#   scripts/pulumi-toolchain.sh --env        the same, then print the shell exports that put it to use
#   scripts/pulumi-toolchain.sh COMPONENT... build only these (crds, etcd, kubernetes, pulumi-cli, language-host,
#                                            kubernetes-provider), e.g. two groups at once in two shells
#
# Idempotent: a component is rebuilt only when its binary or its version stamp is missing. Progress goes to
# stderr; on failure one line says which component failed and where its build log is.
set -euo pipefail

TOOLCHAIN_DIR=${KAFKA_PLATFORM_TOOLCHAIN:-$HOME/.cache/kafka-platform/toolchain}

PULUMI_VERSION=3.276.0
# The last Pulumi SDK that still carries the Node.js language host as a package (its own module is not served),
# built with a RunPlugin that runs policy packs (its own answers "not supported").
LANGUAGE_HOST_SDK_VERSION=3.68.0
LANGUAGE_HOST_PATCH="$(cd "$(dirname "$0")" && pwd)/pulumi-toolchain/language-host-run-plugin.go"
# The provider plugin's version is the npm package's (package.json), the module is the one pseudo-version served.
KUBERNETES_PROVIDER_VERSION=4.34.2
KUBERNETES_PROVIDER_MODULE_VERSION=v4.0.0-20260115033456-f47bc2d6f199
KUBERNETES_VERSION=1.37.2
ETCD_VERSION=3.7.0
STRIMZI_VERSION=0.39.0
# The monitoring CRDs (PodMonitor, PrometheusRule) of the `prometheus-operator` monitoring provider, from its Go module.
PROMETHEUS_OPERATOR_VERSION=0.85.0

BIN="$TOOLCHAIN_DIR/bin"
CRDS="$TOOLCHAIN_DIR/crds"
SRC="$TOOLCHAIN_DIR/src"
LOGS="$TOOLCHAIN_DIR/logs"
export PULUMI_HOME="$TOOLCHAIN_DIR/pulumi-home"
export GOPATH="$TOOLCHAIN_DIR/go" GOMODCACHE="$TOOLCHAIN_DIR/go/pkg/mod" GOCACHE="$TOOLCHAIN_DIR/go-build"
export GOFLAGS=-buildvcs=false GOTOOLCHAIN=local CGO_ENABLED=0 PULUMI_SKIP_UPDATE_CHECK=true
command -v go >/dev/null || export PATH="$PATH:/usr/local/go/bin"
mkdir -p "$BIN" "$SRC" "$LOGS" "$PULUMI_HOME" "$CRDS"

say() { echo "pulumi-toolchain: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }
command -v go >/dev/null || fail "no Go toolchain on PATH (Go 1.26 or later is needed to build the engine)"
command -v node >/dev/null || fail "no node on PATH (needed to prepare the Kubernetes provider's schema)"
command -v mvn >/dev/null && command -v java >/dev/null || fail "no mvn or java on PATH (needed to generate Strimzi's CRDs)"

# Runs a build step with its output in the component's log; on failure shows the log's tail and one clear line.
current=""
run() {
  if ! "$@" >>"$LOGS/$current.log" 2>&1; then
    tail -n 15 "$LOGS/$current.log" | sed 's/^/    /' >&2
    fail "building $current ($*) — full log: $LOGS/$current.log"
  fi
}

# A fresh module directory whose go.mod requires MODULE@VERSION and lists the command packages as tools.
# Extra go.mod lines (replaces) come on stdin.
tool_module() {
  local dir="$1" module="$2" version="$3"; shift 3
  rm -rf "$dir"; mkdir -p "$dir"
  {
    echo "module kafka-platform.local/toolchain/$(basename "$dir")"
    echo "go $(go env GOVERSION | sed -E 's/^go([0-9]+\.[0-9]+).*/\1/')"
    echo "require $module $version"
    cat
    for tool in "$@"; do echo "tool $tool"; done
  } >"$dir/go.mod"
  (cd "$dir" && run go mod tidy)
}

# build NAME VERSION BINARY... : true when every binary exists and was built at this version.
built() {
  local name="$1" version="$2"; shift 2
  [ "$(cat "$BIN/.$name.version" 2>/dev/null)" = "$version" ] || return 1
  for binary in "$@"; do [ -x "$BIN/$binary" ] || return 1; done
}
begin() { current="$1"; : >"$LOGS/$current.log"; started=$(date +%s); say "building $current $2 (log: $LOGS/$current.log)"; }
done_building() { echo "$2" >"$BIN/.$1.version"; say "built $1 in $(( $(date +%s) - started )) s"; }

build_etcd() {
  built etcd "$ETCD_VERSION" etcd && return
  begin etcd "$ETCD_VERSION"
  tool_module "$SRC/etcd" go.etcd.io/etcd/server/v3 "v$ETCD_VERSION" go.etcd.io/etcd/server/v3 </dev/null
  (cd "$SRC/etcd" && run go build -trimpath -o "$BIN/etcd" go.etcd.io/etcd/server/v3)
  done_building etcd "$ETCD_VERSION"
}

build_kubernetes() {
  built kubernetes "$KUBERNETES_VERSION" kube-apiserver kube-controller-manager kubectl && return
  begin kubernetes "$KUBERNETES_VERSION"
  # k8s.io/kubernetes points its staging modules at ./staging; here each is its published v0.x release instead.
  # The sample modules are examples nothing here needs.
  local gomod staging_replaces
  gomod=$(cd "$SRC" && run_output go mod download -json "k8s.io/kubernetes@v$KUBERNETES_VERSION" | node -e \
    'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).GoMod))')
  staging_replaces=$(grep -Eo '^\s*k8s\.io/[a-z0-9-]+ => \./staging/' "$gomod" | awk '{print $1}' | grep -v '^k8s.io/sample-' |
    sed "s|.*|replace & => & v0.${KUBERNETES_VERSION#1.}|")
  tool_module "$SRC/kubernetes" k8s.io/kubernetes "v$KUBERNETES_VERSION" \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kubectl <<<"$staging_replaces"
  (cd "$SRC/kubernetes" && run go build -trimpath -o "$BIN/" k8s.io/kubernetes/cmd/kube-apiserver \
    k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kubectl)
  done_building kubernetes "$KUBERNETES_VERSION"
}
run_output() { "$@" 2>>"$LOGS/$current.log" || fail "building $current ($*) — full log: $LOGS/$current.log"; }

build_pulumi_cli() {
  built pulumi-cli "$PULUMI_VERSION" pulumi && return
  begin pulumi-cli "$PULUMI_VERSION"
  # pkg/v3's own go.mod swaps the clipboard module for a fork; a main module's replaces are the only ones Go honours.
  tool_module "$SRC/pulumi-cli" github.com/pulumi/pulumi/pkg/v3 "v$PULUMI_VERSION" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi <<'EOF'
replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
EOF
  (cd "$SRC/pulumi-cli" && run go build -trimpath \
    -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION" \
    -o "$BIN/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  done_building pulumi-cli "$PULUMI_VERSION"
}

build_language_host() {
  local stamp
  stamp="$LANGUAGE_HOST_SDK_VERSION+run-plugin-$(sha256sum "$LANGUAGE_HOST_PATCH" | cut -c1-12)"
  built language-host "$stamp" pulumi-language-nodejs pulumi-analyzer-policy && return
  begin language-host "$stamp"
  # The SDK's own go.mod pins golang.org/x/text back; it has to be repeated here.
  tool_module "$SRC/language-host" github.com/pulumi/pulumi/sdk/v3 "v$LANGUAGE_HOST_SDK_VERSION" \
    github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs <<'EOF'
replace golang.org/x/text => golang.org/x/text v0.3.6
EOF
  # The host's command, copied into the module with its RunPlugin stub replaced by one that runs policy packs.
  local sdk_dir command="$SRC/language-host/pulumi-language-nodejs"
  sdk_dir=$(cd "$SRC/language-host" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)
  mkdir -p "$command"
  cp "$sdk_dir"/nodejs/cmd/pulumi-language-nodejs/{main.go,proxy.go,proxy_unix.go} "$command/"
  chmod u+w "$command"/*.go
  perl -0pi -e 's/\nfunc \(host \*nodeLanguageHost\) RunPlugin\(.*?\n}\n//s' "$command/main.go"
  ! grep -q 'RunPlugin' "$command/main.go" || fail "patching the language host: its RunPlugin stub is not where it was expected"
  cp "$LANGUAGE_HOST_PATCH" "$command/"
  (cd "$SRC/language-host" && run go build -trimpath \
    -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$LANGUAGE_HOST_SDK_VERSION" \
    -o "$BIN/pulumi-language-nodejs" ./pulumi-language-nodejs)
  # The policy-pack analyzer for Node.js is a launcher script shipped beside the language host.
  install -m 0755 "$sdk_dir/nodejs/dist/pulumi-analyzer-policy" "$BIN/pulumi-analyzer-policy"
  done_building language-host "$stamp"
}

build_kubernetes_provider() {
  built kubernetes-provider "$KUBERNETES_PROVIDER_VERSION" pulumi-resource-kubernetes && return
  begin kubernetes-provider "$KUBERNETES_PROVIDER_VERSION"
  local module=github.com/pulumi/pulumi-kubernetes/provider/v4 module_dir copy="$SRC/kubernetes-provider-source"
  module_dir=$(cd "$SRC" && run_output go mod download -json "$module@$KUBERNETES_PROVIDER_MODULE_VERSION" | node -e \
    'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).Dir))')
  # The module zip lacks the two files `go generate` writes for embedding; they are made here from the
  # schema and mapping it does ship, stamped with the plugin's version as generate.go would.
  rm -rf "$copy"; cp -r "$module_dir" "$copy"; chmod -R u+w "$copy"
  (cd "$copy/cmd/pulumi-resource-kubernetes" && run node -e '
    const fs = require("fs");
    const schema = JSON.parse(fs.readFileSync("schema.json", "utf8"));
    schema.version = process.argv[1];
    fs.writeFileSync("schema-embed.json", JSON.stringify(schema));
    fs.writeFileSync("terraform-mapping-embed.json", JSON.stringify(JSON.parse(fs.readFileSync("terraform-mapping.json", "utf8"))));
  ' "$KUBERNETES_PROVIDER_VERSION")
  tool_module "$SRC/kubernetes-provider" "$module" "$KUBERNETES_PROVIDER_MODULE_VERSION" \
    "$module/cmd/pulumi-resource-kubernetes" <<<"replace $module => $copy"
  (cd "$SRC/kubernetes-provider" && run go build -trimpath \
    -ldflags "-X $module/pkg/version.Version=$KUBERNETES_PROVIDER_VERSION" \
    -o "$BIN/pulumi-resource-kubernetes" "$module/cmd/pulumi-resource-kubernetes")
  done_building kubernetes-provider "$KUBERNETES_PROVIDER_VERSION"
}

# Registers the provider binary as Pulumi's plugin, offline (automatic plugin downloads stay off).
install_kubernetes_plugin() {
  [ -f "$PULUMI_HOME/plugins/resource-kubernetes-v$KUBERNETES_PROVIDER_VERSION/pulumi-resource-kubernetes" ] && return
  current=kubernetes-provider
  "$BIN/pulumi" plugin install resource kubernetes "$KUBERNETES_PROVIDER_VERSION" --file "$BIN/pulumi-resource-kubernetes" \
    --reinstall >>"$LOGS/$current.log" 2>&1 || fail "installing the kubernetes plugin — full log: $LOGS/$current.log"
  say "installed the kubernetes $KUBERNETES_PROVIDER_VERSION plugin in $PULUMI_HOME/plugins"
}

# Strimzi publishes its CRDs as YAML only with its install files; they are generated here the way Strimzi's own
# build does, by its CRD generator from the model classes of io.strimzi:api (the same invocations as its api/pom.xml).
build_strimzi_crds() {
  [ "$(cat "$CRDS/.strimzi.version" 2>/dev/null)" = "$STRIMZI_VERSION" ] && return
  begin strimzi-crds "$STRIMZI_VERSION"
  local dir="$SRC/strimzi-crds" out="$CRDS/strimzi" model=io.strimzi.api.kafka.model
  rm -rf "$dir" "$out"; mkdir -p "$dir" "$out"
  printf '%s\n' '<project xmlns="http://maven.apache.org/POM/4.0.0">' '  <modelVersion>4.0.0</modelVersion>' \
    '  <groupId>local.kafka-platform</groupId><artifactId>strimzi-crds</artifactId><version>1</version>' '  <dependencies>' \
    "    <dependency><groupId>io.strimzi</groupId><artifactId>api</artifactId><version>$STRIMZI_VERSION</version></dependency>" \
    "    <dependency><groupId>io.strimzi</groupId><artifactId>crd-generator</artifactId><version>$STRIMZI_VERSION</version></dependency>" \
    '  </dependencies>' '</project>' >"$dir/pom.xml"
  (cd "$dir" && run mvn -q -B dependency:build-classpath -Dmdep.outputFile="$dir/classpath.txt" -Dmaven.repo.local="$TOOLCHAIN_DIR/m2")
  local generate=(java -cp "$(cat "$dir/classpath.txt")" io.strimzi.crdgenerator.CrdGenerator --label app:strimzi
    --label strimzi.io/crd-install:true --target-kube 1.16+ --crd-api-version v1 --storage-version v1beta2 --yaml)
  run "${generate[@]}" --api-versions v1beta2 "$model.Kafka=$out/040-Crd-kafka.yaml" \
    "$model.KafkaConnect=$out/041-Crd-kafkaconnect.yaml" "$model.KafkaConnector=$out/047-Crd-kafkaconnector.yaml" \
    "$model.KafkaMirrorMaker2=$out/048-Crd-kafkamirrormaker2.yaml" "$model.KafkaRebalance=$out/049-Crd-kafkarebalance.yaml" \
    "$model.nodepool.KafkaNodePool=$out/04A-Crd-kafkanodepool.yaml"
  run "${generate[@]}" --api-versions v1alpha1,v1beta1,v1beta2 "$model.KafkaTopic=$out/043-Crd-kafkatopic.yaml" \
    "$model.KafkaUser=$out/044-Crd-kafkauser.yaml"
  echo "$STRIMZI_VERSION" >"$CRDS/.strimzi.version"
  say "generated Strimzi's CRDs in $(( $(date +%s) - started )) s"
}

build_monitoring_crds() {
  [ "$(cat "$CRDS/.prometheus-operator.version" 2>/dev/null)" = "$PROMETHEUS_OPERATOR_VERSION" ] && return
  begin prometheus-operator-crds "$PROMETHEUS_OPERATOR_VERSION"
  local module_dir out="$CRDS/prometheus-operator"
  module_dir=$(cd "$SRC" && run_output go mod download -json "github.com/prometheus-operator/prometheus-operator@v$PROMETHEUS_OPERATOR_VERSION" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).Dir))')
  rm -rf "$out"; mkdir -p "$out"
  for kind in podmonitors prometheusrules; do
    run install -m 0644 "$module_dir/example/prometheus-operator-crd/monitoring.coreos.com_$kind.yaml" "$out/"
  done
  echo "$PROMETHEUS_OPERATOR_VERSION" >"$CRDS/.prometheus-operator.version"
  say "copied the prometheus-operator CRDs in $(( $(date +%s) - started )) s"
}

COMPONENTS=(crds etcd kubernetes pulumi-cli language-host kubernetes-provider)
print_env=false
selected=()
for arg in "$@"; do
  case "$arg" in
    --env) print_env=true ;;
    crds|etcd|kubernetes|pulumi-cli|language-host|kubernetes-provider) selected+=("$arg") ;;
    *) fail "unknown argument \"$arg\"; expected --env or components among: ${COMPONENTS[*]}" ;;
  esac
done
[ ${#selected[@]} -gt 0 ] || selected=("${COMPONENTS[@]}")
for component in "${selected[@]}"; do
  case "$component" in
    crds) build_strimzi_crds; build_monitoring_crds ;;
    *) "build_${component//-/_}" ;;
  esac
done
[ ${#selected[@]} -eq ${#COMPONENTS[@]} ] || { say "built ${selected[*]}"; exit 0; }
install_kubernetes_plugin

say "ready in $TOOLCHAIN_DIR: $(cd "$BIN" && echo *) ($("$BIN/pulumi" version), kubernetes provider $KUBERNETES_PROVIDER_VERSION in $PULUMI_HOME/plugins); CRDs in $CRDS"
if $print_env; then
  echo "export PATH=\"$BIN:\$PATH\" PULUMI_HOME=\"$PULUMI_HOME\" PULUMI_SKIP_UPDATE_CHECK=true"
  echo "export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true KUBERNETES_PROVIDER_VERSION=$KUBERNETES_PROVIDER_VERSION"
  echo "export KAFKA_PLATFORM_CRDS=\"$CRDS\""
fi
