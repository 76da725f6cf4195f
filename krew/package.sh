#!/usr/bin/env bash
# Builds a release archive of kubectl-density and a concrete krew manifest for it.
#
#   krew/package.sh OUTDIR                   build, pack, write OUTDIR/density.yaml
#   krew/package.sh --manifest-only OUTDIR   only write OUTDIR/density.yaml
#
# Build: `cargo build --profile release-dist --locked` (LTO, stripped) for the host, or for
# $TARGET (a Rust target triple, e.g. aarch64-unknown-linux-musl). $DENSITY_BINARY names an
# already built binary to pack instead (the tests use it; it must report the Cargo version).
#
# Pack: OUTDIR/kubectl-density_v<version>_<os>_<arch>.tar.gz with the binary and LICENSE at
# its root, plus a .sha256 file beside it.
#
# Manifest: krew/density.yaml is the template krew-release-bot renders on each release
# ({{ .TagName }}, {{addURIAndSha "URL" .TagName }}). This script renders it the same way
# with tag v<version>, for every platform whose archive is in OUTDIR, with the archive's real
# sha256 and dropping the platforms that have none. Test the result with
#   kubectl krew install --manifest=OUTDIR/density.yaml --archive=OUTDIR/<archive>
set -euo pipefail

usage() {
  echo "usage: $0 [--manifest-only] OUTDIR" >&2
  exit 2
}

manifest_only=false
if [ "${1:-}" = "--manifest-only" ]; then
  manifest_only=true
  shift
fi
[ $# -eq 1 ] || usage
[ -n "$1" ] || usage

root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
outdir=$(cd "$1" && pwd)

die() {
  echo "krew/package.sh: $*" >&2
  exit 1
}

stage=""
cleanup() {
  rm -f "$outdir"/*.partial
  if [ -n "$stage" ]; then
    rm -rf "$stage"
  fi
}
trap cleanup EXIT

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

# The version of the [package] in Cargo.toml.
version=$(awk -F'"' '/^\[/ { in_package = ($0 == "[package]") } in_package && /^version *=/ { print $2; exit }' "$root/Cargo.toml")
[ -n "$version" ] || die "no package version in Cargo.toml"
tag="v$version"

if ! $manifest_only; then
  triple=${TARGET:-}
  if [ -z "$triple" ]; then
    triple=$(rustc -vV 2>/dev/null | sed -n 's/^host: //p' || true)
  fi
  [ -n "$triple" ] || die "cannot tell the target: set TARGET (a Rust target triple)"
  case "$triple" in
    x86_64-*linux*) os=linux arch=amd64 ;;
    aarch64-*linux*) os=linux arch=arm64 ;;
    x86_64-apple-darwin) os=darwin arch=amd64 ;;
    aarch64-apple-darwin) os=darwin arch=arm64 ;;
    *) die "no krew platform for target '$triple'" ;;
  esac

  if [ -n "${DENSITY_BINARY:-}" ]; then
    binary=$DENSITY_BINARY
  else
    target_args=()
    if [ -n "${TARGET:-}" ]; then
      target_args=(--target "$TARGET")
    fi
    (cd "$root" && cargo build --profile release-dist --locked ${target_args[@]+"${target_args[@]}"})
    binary="${CARGO_TARGET_DIR:-$root/target}/${TARGET:+$TARGET/}release-dist/kubectl-density"
  fi
  [ -x "$binary" ] || die "no executable binary at $binary"

  # Never pack a binary of another version under this one's name. A cross-compiled binary
  # may not run here (x86_64 macOS on an arm64 runner without Rosetta): then say so.
  host=$(rustc -vV 2>/dev/null | sed -n 's/^host: //p' || true)
  if reported=$("$binary" --version 2>/dev/null); then
    case "$reported" in
      *" $version") ;;
      *) die "$binary reports '$reported', not version $version (Cargo.toml)" ;;
    esac
  elif [ -n "${TARGET:-}" ] && [ "$TARGET" != "$host" ]; then
    echo "note: cannot run the $TARGET binary on $host; its version is not checked" >&2
  else
    die "$binary --version failed"
  fi

  stage=$(mktemp -d)
  cp "$binary" "$stage/kubectl-density"
  chmod 755 "$stage/kubectl-density"
  cp "$root/LICENSE" "$stage/LICENSE"
  chmod 644 "$stage/LICENSE"

  archive="kubectl-density_${tag}_${os}_${arch}.tar.gz"
  tar -C "$stage" -czf "$outdir/$archive.partial" kubectl-density LICENSE
  mv "$outdir/$archive.partial" "$outdir/$archive"
  sum=$(sha256 "$outdir/$archive")
  printf '%s  %s\n' "$sum" "$archive" >"$outdir/$archive.sha256"
  echo "packed $outdir/$archive"
  echo "sha256 $sum"
fi

# Renders the krew-release-bot template: prints the manifest on stdout.
render() {
  local template=$1
  local line in_platforms=false block="" block_has_archive=false platforms=0
  local add_uri='^( *)\{\{ *addURIAndSha +"([^"]+)" +\.TagName *\}\}$'
  local item='^  - '
  local inside='^    '

  flush() {
    if [ -n "$block" ] && $block_has_archive; then
      printf '%s' "$block"
      platforms=$((platforms + 1))
    fi
    block=""
    block_has_archive=false
  }

  while IFS= read -r line || [ -n "$line" ]; do
    line=${line//'{{ .TagName }}'/$tag}
    line=${line//'{{.TagName}}'/$tag}
    if $in_platforms; then
      if [[ $line =~ $item ]]; then
        flush
        block="$line"$'\n'
        continue
      elif [[ $line =~ $inside ]]; then
        if [[ $line =~ $add_uri ]]; then
          local indent=${BASH_REMATCH[1]} url=${BASH_REMATCH[2]}
          local file=${url##*/}
          if [ -f "$outdir/$file" ]; then
            block+="${indent}uri: $url"$'\n'"${indent}sha256: $(sha256 "$outdir/$file")"$'\n'
            block_has_archive=true
          fi
        else
          block+="$line"$'\n'
        fi
        continue
      fi
      flush
      in_platforms=false
    fi
    case "$line" in
      *'{{'*) die "unsupported template expression in $template: $line" ;;
    esac
    printf '%s\n' "$line"
    if [ "$line" = "  platforms:" ]; then
      in_platforms=true
    fi
  done <"$template"
  flush
  [ "$platforms" -gt 0 ] || die "no archive in $outdir for any platform of $template (version $tag)"
}

render "$root/krew/density.yaml" >"$outdir/density.yaml.partial"
mv "$outdir/density.yaml.partial" "$outdir/density.yaml"
echo "wrote $outdir/density.yaml ($tag)"
