#!/usr/bin/env bash
# Fetch the live site's data/datapackage.json and the tables it points to into DIR, the baseline
# of /updates/ (skillmap build --previous DIR/datapackage.json). Without a reachable live site the
# build goes ahead as a first release: this script then leaves DIR without datapackage.json.
#   deploy/fetch-previous.sh [SITE_URL] DIR      (SITE_URL defaults to mkdocs.yml's site_url)
set -euo pipefail
if [ $# -ge 2 ]; then site_url="$1"; dest="$2"; else site_url=""; dest="${1:?用法：fetch-previous.sh [SITE_URL] DIR}"; fi
if [ -z "$site_url" ]; then
  site_url="$(python3 -c 'import yaml,sys; print(yaml.safe_load(open("mkdocs.yml", encoding="utf-8")).get("site_url", ""))' 2>/dev/null || true)"
fi
base="${site_url%/}/data"
mkdir -p "$dest"
fetch() { curl --fail --silent --show-error --location --retry 3 --max-time 120 "$1" --output "$2"; }
if ! fetch "$base/datapackage.json" "$dest/datapackage.json"; then
  echo "未能取得 $base/datapackage.json：本次按首次发布生成“本期更新”页。" >&2
  rm -f "$dest/datapackage.json"
  exit 0
fi
python3 - "$dest/datapackage.json" > "$dest/.paths" <<'PY'
import json, sys
for res in json.load(open(sys.argv[1], encoding="utf-8")).get("resources", []):
    path = res.get("path")
    if isinstance(path, str) and "/" not in path and not path.startswith("."):
        print(path)
PY
while read -r path; do
  if ! fetch "$base/$path" "$dest/$path"; then
    echo "未能取得 $base/$path：本次按首次发布生成“本期更新”页。" >&2
    rm -f "$dest/datapackage.json"
    break
  fi
done < "$dest/.paths"
rm -f "$dest/.paths"
[ -f "$dest/datapackage.json" ] && echo "已取得上次发布的数据：$dest/datapackage.json"
exit 0
