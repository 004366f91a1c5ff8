#!/usr/bin/env bash
# Publish the built site to the bureau's 政务云 host under a sub-path, without a moment where
# a page points at an asset that is not there yet:
#   1. new hashed assets and data files first (nothing deleted),
#   2. then the HTML pages, the stable data/datapackage.json and the feed,
#   3. then old files no page links to any more are removed.
# Needs DEPLOY_HOST (user@host), DEPLOY_PATH (e.g. /var/www/html/zt/pxdht/) and an SSH key in
# DEPLOY_SSH_KEY (the private key's text) or in the agent; DEPLOY_PORT is optional.
#   deploy/rsync-to-host.sh SITE_DIR
set -euo pipefail
site="${1:?用法：rsync-to-host.sh SITE_DIR}"
: "${DEPLOY_HOST:?请设置 DEPLOY_HOST（如 deploy@10.0.0.8）}"
: "${DEPLOY_PATH:?请设置 DEPLOY_PATH（如 /var/www/html/zt/pxdht/）}"
ssh_opts=(-p "${DEPLOY_PORT:-22}" -o StrictHostKeyChecking=accept-new)
if [ -n "${DEPLOY_SSH_KEY:-}" ]; then
  key="$(mktemp)"
  trap 'rm -f "$key"' EXIT
  printf '%s\n' "$DEPLOY_SSH_KEY" > "$key"
  chmod 600 "$key"
  ssh_opts+=(-i "$key")
fi
remote="$DEPLOY_HOST:${DEPLOY_PATH%/}/"
sync() { rsync --recursive --links --times --compress --human-readable -e "ssh ${ssh_opts[*]}" "$@"; }
sync --exclude '*.html' --exclude 'datapackage.json' --exclude 'feed.xml' "$site/" "$remote"
sync "$site/" "$remote"
sync --delete-after "$site/" "$remote"
echo "已发布到 $remote"
