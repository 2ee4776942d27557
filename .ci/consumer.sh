#!/usr/bin/env bash
# The packages and the tool as a user gets them: packs every library and the `minlgan` tool into a local folder,
# builds tests/Consumer (an application outside the solution that references the packages from that folder and a
# libtorch backend), runs its build and its publish output, checks that an application without a backend is warned,
# installs the tool from the folder and runs `minlgan --version` and a small evaluate. One line per step; exit 1 when
# a step fails. Nothing lands in the user's NuGet cache: NUGET_PACKAGES points into a temporary folder, the user's
# cache is only read (as a fallback folder, so libtorch is not fetched again), and the version carries a suffix unique
# to this run.
# Usage: bash .ci/consumer.sh
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
user_cache=${NUGET_PACKAGES:-$HOME/.nuget/packages}
export NUGET_PACKAGES="$work/packages" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
prefix=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' Directory.Build.props)
version="$prefix-ci.$(date -u +%Y%m%d%H%M%S)"
status=0
fail() { echo "consumer: $1: FAILED"; tail -25 "$2"; status=1; }

# 1. Pack: the five libraries and the tool; every package must stay under nuget.org's 250 MB.
packed=1
for p in MinLGan.Core MinLGan.Imaging MinLGan.Onnx MinLGan.MLNet MinLGan.Torch MinLGan.Cli; do
  dotnet pack "src/$p" -c Release -o "$work/feed" -p:VersionSuffix="${version#"$prefix"-}" >>"$work/pack.log" 2>&1 || { fail "dotnet pack src/$p" "$work/pack.log"; packed=0; break; }
done
if [ "$packed" = 1 ]; then
  for f in "$work"/feed/*.nupkg; do
    bytes=$(stat -c %s "$f")
    echo "consumer: packed $(basename "$f") ($(awk "BEGIN { printf \"%.1f\", $bytes / 1e6 }") MB)"
    [ "$bytes" -lt 250000000 ] || { echo "consumer: $(basename "$f") is over nuget.org's 250 MB limit: FAILED"; status=1; }
  done
else
  exit 1
fi

# 2. The outside application: restored from the local folder (and the registry), built, run; then published and run.
mkdir -p "$work/app" "$work/data-build" "$work/data-publish"
cp tests/Consumer/Consumer.csproj tests/Consumer/Program.cs "$work/app/"
cat > "$work/app/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="minlgan-local" value="$work/feed" />
  </packageSources>
  <fallbackPackageFolders>
    <add key="user-cache" value="$user_cache" />
  </fallbackPackageFolders>
</configuration>
CONFIG
if (cd "$work/app" && dotnet build -c Release -p:MinLGanVersion="$version" -o "$work/app/out") >"$work/app.log" 2>&1 \
   && dotnet "$work/app/out/Consumer.dll" "$work/data-build" >>"$work/app.log" 2>&1; then
  grep '^\(iforest\|minlgan\|mlnet\|resnet18\):' "$work/app.log" | sed 's/^/consumer: app (build): /'
else
  fail "the outside application (build and run)" "$work/app.log"
fi
if (cd "$work/app" && dotnet publish -c Release -p:MinLGanVersion="$version" -o "$work/app/pub") >"$work/pub.log" 2>&1 \
   && dotnet "$work/app/pub/Consumer.dll" "$work/data-publish" >>"$work/pub.log" 2>&1; then
  echo "consumer: app (publish): runs, $(tail -1 "$work/pub.log")"
else
  fail "the outside application (publish and run)" "$work/pub.log"
fi

# 3. An application without a libtorch backend is told so at build time (warning MINLGAN001).
mkdir -p "$work/nobackend"
cp "$work/app/nuget.config" "$work/app/Program.cs" "$work/nobackend/"
grep -v 'libtorch-cpu-linux-x64\|The libtorch backend' tests/Consumer/Consumer.csproj > "$work/nobackend/Consumer.csproj"
(cd "$work/nobackend" && dotnet build -c Release -p:MinLGanVersion="$version" -p:TreatWarningsAsErrors=false) >"$work/nobackend.log" 2>&1
if grep -q "warning MINLGAN001" "$work/nobackend.log"; then
  echo "consumer: an application without a libtorch backend gets warning MINLGAN001"
else
  fail "warning MINLGAN001 for an application without a backend" "$work/nobackend.log"
fi

# 4. The tool, installed from the folder as `dotnet tool install` does from nuget.org.
if dotnet tool install minlgan --tool-path "$work/tool" --add-source "$work/feed" --version "$version" >"$work/tool.log" 2>&1 \
   && [ "$("$work/tool/minlgan" --version 2>>"$work/tool.log" | cut -d+ -f1)" = "$version" ] \
   && (cd "$work" && MINLGAN_DATA="${MINLGAN_DATA:-$repo/../shared/data}" "$work/tool/minlgan" evaluate --protocol moons --detector minlgan \
        --param epochs=1 --param min_steps=20 --seeds 0 --no-plots --out "$work/run") >>"$work/tool.log" 2>&1; then
  echo "consumer: tool: installed, minlgan --version = $version, $(grep '^mean' "$work/tool.log")"
else
  fail "the minlgan tool (install, --version, evaluate)" "$work/tool.log"
fi
exit "$status"
